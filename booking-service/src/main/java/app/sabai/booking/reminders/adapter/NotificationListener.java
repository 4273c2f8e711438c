package app.sabai.booking.reminders.adapter;

import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.support.kafka.EventBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Follows notification-service, so the booking shows its reminders and what was sent. The records of a poll are applied
 * together: a booking's reminders and its confirmation's delivery, and those of every booking in the poll, in one
 * write to the store.
 */
@Component
class NotificationListener {

    private final ReminderTracking tracking;

    NotificationListener(ReminderTracking tracking) {
        this.tracking = tracking;
    }

    @KafkaListener(topics = "sabai.notifications", batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        EventBatch.apply(records, NotificationEvent.class, tracking::apply);
    }
}
