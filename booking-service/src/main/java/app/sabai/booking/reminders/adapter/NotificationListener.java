package app.sabai.booking.reminders.adapter;

import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationFailed;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.contracts.notifications.ReminderScheduled;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Follows notification-service, so the booking shows its reminders and what was sent. */
@Component
class NotificationListener {

    private final ReminderTracking tracking;

    NotificationListener(ReminderTracking tracking) {
        this.tracking = tracking;
    }

    @KafkaListener(topics = "sabai.notifications")
    void on(NotificationEvent event) {
        switch (event) {
            case ReminderScheduled scheduled -> tracking.scheduled(scheduled);
            case ReminderCancelled cancelled -> tracking.cancelled(cancelled);
            case NotificationSent sent -> tracking.sent(sent);
            case NotificationFailed failed -> tracking.failed(failed);
        }
    }
}
