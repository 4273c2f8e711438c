package app.sabai.notification.bookingevents;

import app.sabai.contracts.bookings.BookingEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every event of {@code sabai.bookings}, in each branch's order. */
@Component
class BookingEventsListener {

    private final BookingEventApplier applier;

    BookingEventsListener(BookingEventApplier applier) {
        this.applier = applier;
    }

    @KafkaListener(topics = "sabai.bookings")
    void on(BookingEvent event) {
        applier.apply(event);
    }
}
