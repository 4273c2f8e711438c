package app.sabai.notification.bookingevents;

import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.support.kafka.EventBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Every event of {@code sabai.bookings}, in each branch's order, a poll at a time. */
@Component
class BookingEventsListener {

    private final BookingEventApplier applier;

    BookingEventsListener(BookingEventApplier applier) {
        this.applier = applier;
    }

    @KafkaListener(topics = "sabai.bookings", batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        EventBatch.apply(records, BookingEvent.class, applier::applyAll);
    }
}
