package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingCustomerErased;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.bookings.BookingRescheduleRequested;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.support.kafka.EventHandler;
import org.springframework.stereotype.Component;

/** Consumes {@code sabai.bookings}: every requested booking gets its one decision, and later changes reach its reservation. */
@Component
class BookingEventsListener implements EventHandler.OneAtATime<BookingEvent> {

    private final AssignmentService assignments;
    private final LifecycleService lifecycle;
    private final Assignments names;

    BookingEventsListener(AssignmentService assignments, LifecycleService lifecycle, Assignments names) {
        this.assignments = assignments;
        this.lifecycle = lifecycle;
        this.names = names;
    }

    @Override
    public Class<BookingEvent> events() {
        return BookingEvent.class;
    }

    @Override
    public void handle(BookingEvent event) {
        switch (event) {
            case BookingRequested requested -> assignments.handle(requested);
            case BookingCancelled cancelled -> lifecycle.released(cancelled.bookingId(), cancelled.branchId(), cancelled.eventId(), "CANCELLED");
            case BookingNoShow noShow -> lifecycle.released(noShow.bookingId(), noShow.branchId(), noShow.eventId(), "NO_SHOW");
            case BookingRescheduleRequested rescheduleRequested -> lifecycle.reschedule(rescheduleRequested);
            case BookingCompleted completed -> lifecycle.completed(completed);
            // booking-service's accounts of our own decisions and moves, and messages for the customer: nothing to do here.
            case BookingConfirmed confirmed -> { }
            case BookingRejected rejected -> { }
            case BookingNeedsAttention needsAttention -> { }
            case BookingRescheduled rescheduled -> { }
            case BookingTherapistChanged changed -> { }
            case BookingOffered offered -> { }
            case CourseDecided decided -> { }
            // The board's first name goes; continuity is keyed by a hash of the email, never the address itself.
            case BookingCustomerErased erased -> names.forgetCustomer(erased.bookingId());
        }
    }
}
