package app.sabai.notification.bookingevents;

import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.support.kafka.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/** Every event of {@code sabai.bookings}, in each branch's order; a poll's run of them applied together. */
@Component
class BookingEventsListener implements EventHandler.TogetherInTraces<BookingEvent> {

    private final BookingEventApplier applier;

    BookingEventsListener(BookingEventApplier applier) {
        this.applier = applier;
    }

    @Override
    public Class<BookingEvent> events() {
        return BookingEvent.class;
    }

    @Override
    public void handle(List<Heard<BookingEvent>> events) {
        applier.apply(events);
    }
}
