package app.sabai.booking.lifecycle;

import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.values.RejectionReason;

import java.time.Instant;
import java.util.UUID;

/**
 * What an assignment decision does to a booking: the new state and the event it causes, or nothing, with
 * why. {@code from} is the status the decision was taken in; the write only lands while it still holds.
 */
public sealed interface AssignmentOutcome {

    record Confirmed(BookingStatus from, BookingStatus to, AssignedTherapist therapist, String roomId,
                     BookingConfirmed event) implements AssignmentOutcome {
    }

    record Rejected(BookingStatus from, BookingStatus to, Rejection rejection, BookingRejected event)
            implements AssignmentOutcome {
    }

    record Skipped(String why) implements AssignmentOutcome {
    }

    static AssignmentOutcome of(Booking booking, TherapistAssigned assigned, Instant now) {
        return booking.status().after(BookingTrigger.THERAPIST_ASSIGNED)
                .<AssignmentOutcome>map(to -> new Confirmed(booking.status(), to,
                        new AssignedTherapist(assigned.therapistId(), assigned.therapistName()), assigned.roomId(),
                        new BookingConfirmed(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.technique(),
                                booking.durationMinutes(), booking.start(), booking.end(), booking.zone(),
                                assigned.therapistId(), assigned.therapistName(), assigned.roomId(), booking.customer())))
                .orElseGet(() -> notApplicable(booking, BookingTrigger.THERAPIST_ASSIGNED));
    }

    static AssignmentOutcome of(Booking booking, AssignmentRejected rejected, Instant now) {
        RejectionReason reason = rejected.reason() == null ? RejectionReason.OTHER : rejected.reason();
        Rejection rejection = new Rejection(reason, rejected.detail(), rejected.alternatives());
        return booking.status().after(BookingTrigger.ASSIGNMENT_REJECTED)
                .<AssignmentOutcome>map(to -> new Rejected(booking.status(), to, rejection,
                        new BookingRejected(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.technique(),
                                booking.start(), booking.zone(), reason, rejected.detail(), rejection.alternatives(),
                                booking.customer())))
                .orElseGet(() -> notApplicable(booking, BookingTrigger.ASSIGNMENT_REJECTED));
    }

    private static AssignmentOutcome notApplicable(Booking booking, BookingTrigger trigger) {
        return new Skipped("booking " + booking.id() + " is " + booking.status() + "; " + trigger
                + " applies only in " + trigger.appliesIn());
    }
}
