package app.sabai.notification.bookingevents;

import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.support.kafka.EventHandler;
import org.springframework.stereotype.Component;

/** Every event of {@code sabai.bookings}, in each branch's order. */
@Component
class BookingEventsListener implements EventHandler.OneAtATime<BookingEvent> {

    private final BookingEventApplier applier;

    BookingEventsListener(BookingEventApplier applier) {
        this.applier = applier;
    }

    @Override
    public Class<BookingEvent> events() {
        return BookingEvent.class;
    }

    @Override
    public void handle(BookingEvent event) {
        applier.apply(event);
    }
}
