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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Consumes {@code sabai.bookings}: every requested booking gets its one decision, and later changes reach its reservation.
 * Requests for different bookings from one poll are decided as a row ({@link AssignmentService#handleTogether}); the
 * events that change nothing here do not end a row, any other event does, and is handled after it.
 */
@Component
class BookingEventsListener implements EventHandler.TogetherInTraces<BookingEvent> {

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
    public void handle(List<Heard<BookingEvent>> events) {
        Map<String, Heard<BookingRequested>> row = new LinkedHashMap<>();
        for (Heard<BookingEvent> heard : events) {
            if (heard.event() instanceof BookingRequested requested && requested.bookingId() != null
                    && !row.containsKey(requested.bookingId())) {
                row.put(requested.bookingId(), as(heard, requested));
            } else if (!changesNothing(heard.event())) {
                decide(row);
                heard.inTrace(() -> handle(heard.event()));
            }
        }
        decide(row);
    }

    private void decide(Map<String, Heard<BookingRequested>> row) {
        if (row.size() == 1) {
            Heard<BookingRequested> alone = row.values().iterator().next();
            alone.inTrace(() -> assignments.handle(alone.event()));
        } else if (!row.isEmpty()) {
            assignments.handleTogether(List.copyOf(row.values()));
        }
        row.clear();
    }

    void handle(BookingEvent event) {
        switch (event) {
            case BookingRequested requested -> assignments.handle(requested);
            case BookingCancelled cancelled -> lifecycle.released(cancelled.bookingId(), cancelled.branchId(), cancelled.eventId(), "CANCELLED");
            case BookingNoShow noShow -> lifecycle.released(noShow.bookingId(), noShow.branchId(), noShow.eventId(), "NO_SHOW");
            case BookingRescheduleRequested rescheduleRequested -> lifecycle.reschedule(rescheduleRequested);
            case BookingCompleted completed -> lifecycle.completed(completed);
            // The board's first name goes; continuity is keyed by a hash of the email, never the address itself.
            case BookingCustomerErased erased -> names.forgetCustomer(erased.bookingId());
            case BookingConfirmed confirmed -> { }
            case BookingRejected rejected -> { }
            case BookingNeedsAttention needsAttention -> { }
            case BookingRescheduled rescheduled -> { }
            case BookingTherapistChanged changed -> { }
            case BookingOffered offered -> { }
            case CourseDecided decided -> { }
        }
    }

    /** booking-service's accounts of our own decisions and moves, and messages for the customer: nothing to do here. */
    private static boolean changesNothing(BookingEvent event) {
        return switch (event) {
            case BookingConfirmed confirmed -> true;
            case BookingRejected rejected -> true;
            case BookingNeedsAttention needsAttention -> true;
            case BookingRescheduled rescheduled -> true;
            case BookingTherapistChanged changed -> true;
            case BookingOffered offered -> true;
            case CourseDecided decided -> true;
            case BookingRequested requested -> false;
            case BookingCancelled cancelled -> false;
            case BookingNoShow noShow -> false;
            case BookingRescheduleRequested rescheduleRequested -> false;
            case BookingCompleted completed -> false;
            case BookingCustomerErased erased -> false;
        };
    }

    /** The same record's handing over, typed as the request it carries. */
    private static Heard<BookingRequested> as(Heard<BookingEvent> heard, BookingRequested requested) {
        return new Heard<>() {
            @Override
            public BookingRequested event() {
                return requested;
            }

            @Override
            public <T> T inTrace(Supplier<T> work) {
                return heard.inTrace(work);
            }
        };
    }
}
