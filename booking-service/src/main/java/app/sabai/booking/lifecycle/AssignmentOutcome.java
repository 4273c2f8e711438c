package app.sabai.booking.lifecycle;

import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.values.RejectionReason;

import java.time.Instant;
import java.util.UUID;

/**
 * What therapist-service's decision about a booking (an assignment, a rejection, a reassignment, a failed
 * reassignment) does to it: the new state and the event it causes, or nothing, with why. {@code from} is
 * the status the decision was taken in; the write only lands while it still holds.
 */
public sealed interface AssignmentOutcome {

    record Confirmed(BookingStatus from, BookingStatus to, AssignedTherapist therapist, String roomId,
                     BookingConfirmed event) implements AssignmentOutcome {
    }

    record Rejected(BookingStatus from, BookingStatus to, Rejection rejection, BookingRejected event)
            implements AssignmentOutcome {
    }

    /**
     * Another therapist gives the session. {@code closed} is the attention the booking needed until now
     * (null when it was simply confirmed): its entry on the attention list goes once the booking is written.
     */
    record Reassigned(BookingStatus from, BookingStatus to, AssignedTherapist therapist, String roomId,
                      Attention closed, BookingTherapistChanged event) implements AssignmentOutcome {
    }

    /** Nobody can give the session: staff must act. {@code listed} goes on the attention list before the booking is written. */
    record NeedsAttention(BookingStatus from, BookingStatus to, Attention attention, AttentionCase listed,
                          BookingNeedsAttention event) implements AssignmentOutcome {
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

    /**
     * The room is the event's when it names one (a move may change rooms), the booking's otherwise. The
     * previous therapist is the one the customer was told of: the booking's, or the one it lost.
     */
    static AssignmentOutcome of(Booking booking, TherapistReassigned reassigned, Instant now) {
        AssignedTherapist therapist = new AssignedTherapist(reassigned.therapistId(), reassigned.therapistName());
        String roomId = reassigned.roomId() != null ? reassigned.roomId() : booking.roomId();
        AssignedTherapist previous = previousTherapist(booking, reassigned);
        return booking.status().after(BookingTrigger.THERAPIST_REASSIGNED)
                .<AssignmentOutcome>map(to -> new Reassigned(booking.status(), to, therapist, roomId, booking.attention(),
                        new BookingTherapistChanged(UUID.randomUUID(), now, booking.id(), booking.branchId(),
                                booking.technique(), booking.durationMinutes(), booking.start(), booking.end(), booking.zone(),
                                previous.therapistId(), previous.name(), therapist.therapistId(), therapist.name(), roomId,
                                reassigned.reason(), booking.customer())))
                .orElseGet(() -> notApplicable(booking, BookingTrigger.THERAPIST_REASSIGNED));
    }

    static AssignmentOutcome of(Booking booking, ReassignmentFailed failed, Instant now) {
        AssignedTherapist lost = booking.therapist() != null
                ? booking.therapist()
                : new AssignedTherapist(failed.therapistId(), null);
        Attention attention = new Attention(failed.reason(), failed.alternatives(),
                failed.occurredAt() != null ? failed.occurredAt() : now, lost, failed.absenceId(), failed.eventId().toString());
        return booking.status().after(BookingTrigger.REASSIGNMENT_FAILED)
                .<AssignmentOutcome>map(to -> new NeedsAttention(booking.status(), to, attention,
                        AttentionCase.of(booking, attention, now),
                        new BookingNeedsAttention(UUID.randomUUID(), now, booking.id(), booking.branchId(), failed.reason(),
                                attention.alternatives(), booking.customer())))
                .orElseGet(() -> notApplicable(booking, BookingTrigger.REASSIGNMENT_FAILED));
    }

    private static AssignedTherapist previousTherapist(Booking booking, TherapistReassigned reassigned) {
        if (booking.therapist() != null) {
            return booking.therapist();
        }
        if (booking.attention() != null && booking.attention().lostTherapist() != null) {
            return booking.attention().lostTherapist();
        }
        return new AssignedTherapist(reassigned.previousTherapistId(), reassigned.previousTherapistName());
    }

    private static AssignmentOutcome notApplicable(Booking booking, BookingTrigger trigger) {
        return new Skipped("booking " + booking.id() + " is " + booking.status() + "; " + trigger
                + " applies only in " + trigger.appliesIn());
    }
}
