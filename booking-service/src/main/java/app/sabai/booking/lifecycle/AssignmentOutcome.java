package app.sabai.booking.lifecycle;

import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.RescheduleRefused;
import app.sabai.contracts.assignments.SessionRescheduled;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What therapist-service's decision about a booking (an assignment, a rejection, a reassignment, a failed
 * reassignment, the answer to a reschedule) or this service's clock (a decision overdue) does to it: the new
 * state and the event it causes, or nothing, with why. {@code from} is the status the decision was taken in;
 * the write only lands while it still holds.
 */
public sealed interface AssignmentOutcome {

    /** {@code closed} is the attention the booking needed while its decision was overdue (null when it had none). */
    record Confirmed(BookingStatus from, BookingStatus to, AssignedTherapist therapist, String roomId, Attention closed,
                     BookingConfirmed event) implements AssignmentOutcome {
    }

    record Rejected(BookingStatus from, BookingStatus to, Rejection rejection, Attention closed, BookingRejected event)
            implements AssignmentOutcome {
    }

    /** A waitlist offer is held by {@code therapist} in {@code roomId}: it is offered to the customer until it expires. */
    record Offered(BookingStatus from, BookingStatus to, AssignedTherapist therapist, String roomId, BookingOffered event)
            implements AssignmentOutcome {
    }

    /**
     * Another therapist gives the session. {@code closed} is the attention the booking needed until now
     * (null when it was simply confirmed): its entry on the attention list goes once the booking is written.
     * A booking waiting for a move keeps waiting; if the move is refused it returns to CONFIRMED.
     */
    record Reassigned(BookingStatus from, BookingStatus to, AssignedTherapist therapist, String roomId,
                      Attention closed, BookingTherapistChanged event) implements AssignmentOutcome {
    }

    /** Staff must act. {@code listed} goes on the attention list before the booking is written. */
    record NeedsAttention(BookingStatus from, BookingStatus to, Attention attention, AttentionCase listed,
                          BookingNeedsAttention event) implements AssignmentOutcome {
    }

    /**
     * The move was made: the session is now at {@code start} with {@code therapist} in {@code roomId}. {@code fee}
     * is the late fee the move costs (null when free); {@code closed} the attention it ends (null when none).
     */
    record Rescheduled(BookingStatus from, BookingStatus to, Instant start, Instant end, AssignedTherapist therapist,
                       String roomId, Fee fee, Attention closed, BookingRescheduled event) implements AssignmentOutcome {
    }

    /**
     * The move cannot be made: the booking goes back to {@code to} exactly as it was, showing why. When that is
     * NEEDS_ATTENTION, {@code relisted} puts it back on the attention list before the booking is written.
     */
    record RescheduleTurnedDown(BookingStatus from, BookingStatus to, RescheduleRefusal refusal, AttentionCase relisted)
            implements AssignmentOutcome {
    }

    record Skipped(String why) implements AssignmentOutcome {
    }

    /** A request is confirmed; a waitlist offer's hold becomes the offer the customer is sent. */
    static AssignmentOutcome of(Booking booking, TherapistAssigned assigned, Instant now) {
        BookingTrigger trigger = firstDecision(booking, BookingTrigger.THERAPIST_ASSIGNED, BookingTrigger.LATE_ASSIGNMENT);
        AssignedTherapist therapist = new AssignedTherapist(assigned.therapistId(), assigned.therapistName());
        return booking.status().after(trigger)
                .<AssignmentOutcome>map(to -> to == BookingStatus.OFFERED
                        ? new Offered(booking.status(), to, therapist, assigned.roomId(),
                        new BookingOffered(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.waitlistId(),
                                booking.technique(), booking.durationMinutes(), booking.start(), booking.end(), booking.zone(),
                                assigned.therapistName(), booking.offerExpiresAt(), booking.customer()))
                        : new Confirmed(booking.status(), to, therapist, assigned.roomId(), booking.attention(),
                        new BookingConfirmed(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.technique(),
                                booking.durationMinutes(), booking.start(), booking.end(), booking.zone(),
                                assigned.therapistId(), assigned.therapistName(), assigned.roomId(), booking.customer(),
                                booking.courseId(), booking.waitlistId())))
                .orElseGet(() -> notApplicable(booking, trigger));
    }

    static AssignmentOutcome of(Booking booking, AssignmentRejected rejected, Instant now) {
        BookingTrigger trigger = firstDecision(booking, BookingTrigger.ASSIGNMENT_REJECTED, BookingTrigger.LATE_REJECTION);
        RejectionReason reason = rejected.reason() == null ? RejectionReason.OTHER : rejected.reason();
        Rejection rejection = new Rejection(reason, rejected.detail(), rejected.alternatives());
        return booking.status().after(trigger)
                .<AssignmentOutcome>map(to -> new Rejected(booking.status(), to, rejection, booking.attention(),
                        new BookingRejected(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.technique(),
                                booking.start(), booking.zone(), reason, rejected.detail(), rejection.alternatives(),
                                booking.customer(), booking.courseId(), booking.waitlistId())))
                .orElseGet(() -> notApplicable(booking, trigger));
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
                failed.occurredAt() != null ? failed.occurredAt() : now, lost, failed.absenceId(), failed.eventId().toString(),
                AttentionCause.THERAPIST_LOST);
        return booking.status().after(BookingTrigger.REASSIGNMENT_FAILED)
                .<AssignmentOutcome>map(to -> new NeedsAttention(booking.status(), to, attention,
                        AttentionCase.of(booking, attention, now),
                        new BookingNeedsAttention(UUID.randomUUID(), now, booking.id(), booking.branchId(), failed.reason(),
                                attention.alternatives(), booking.customer())))
                .orElseGet(() -> notApplicable(booking, BookingTrigger.REASSIGNMENT_FAILED));
    }

    /** therapist-service holds the new time: the booking moves there, with the therapist and room it got. */
    static AssignmentOutcome of(Booking booking, SessionRescheduled rescheduled, Instant now) {
        PendingReschedule pending = booking.reschedule();
        Instant start = rescheduled.start();
        Instant end = rescheduled.end() != null ? rescheduled.end() : start.plus(Duration.ofMinutes(booking.durationMinutes()));
        AssignedTherapist therapist = new AssignedTherapist(rescheduled.therapistId(), rescheduled.therapistName());
        String roomId = rescheduled.roomId() != null ? rescheduled.roomId() : booking.roomId();
        boolean late = pending != null && pending.late();
        Money fee = pending == null ? null : pending.fee();
        return booking.status().after(BookingTrigger.RESCHEDULED)
                .<AssignmentOutcome>map(to -> new Rescheduled(booking.status(), to, start, end, therapist, roomId,
                        fee == null ? null : new Fee(Fee.Reason.LATE_RESCHEDULE, fee, now), booking.attention(),
                        new BookingRescheduled(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.start(), start,
                                end, booking.zone(), therapist.therapistId(), therapist.name(), booking.customer(),
                                booking.technique(), booking.durationMinutes(), roomId, late, fee)))
                .orElseGet(() -> notApplicable(booking, BookingTrigger.RESCHEDULED));
    }

    /** The new time cannot be had: nothing changed at therapist-service, so nothing changes here but the answer shown. */
    static AssignmentOutcome of(Booking booking, RescheduleRefused refused, Instant now) {
        PendingReschedule pending = booking.reschedule();
        BookingStatus previous = pending != null && pending.previousStatus() != null ? pending.previousStatus() : BookingStatus.CONFIRMED;
        Instant requestedStart = refused.requestedStart() != null ? refused.requestedStart()
                : pending != null ? pending.requestedStart() : null;
        RescheduleRefusal refusal = new RescheduleRefusal(requestedStart,
                refused.reason() == null ? RejectionReason.OTHER : refused.reason(), refused.detail(), refused.alternatives(), now);
        return booking.status().after(BookingTrigger.RESCHEDULE_REFUSED, previous)
                .<AssignmentOutcome>map(to -> new RescheduleTurnedDown(booking.status(), to, refusal,
                        to == BookingStatus.NEEDS_ATTENTION && booking.attention() != null
                                ? AttentionCase.of(booking, booking.attention(), now) : null))
                .orElseGet(() -> notApplicable(booking, BookingTrigger.RESCHEDULE_REFUSED));
    }

    /**
     * The request has waited {@code timeout} for a decision: staff must look at it. The attention it raises
     * has an id that follows from the booking, so two instances deciding this at once raise the same case.
     */
    static AssignmentOutcome overdue(Booking booking, Duration timeout, Instant now) {
        String reason = "No therapist has been confirmed for this request within " + readable(timeout)
                + " of it being made: find one, or tell the customer";
        Attention attention = new Attention(reason, List.of(), now, null, null, overdueDecisionId(booking.id()).toString(),
                AttentionCause.NO_DECISION);
        return booking.status().after(BookingTrigger.DECISION_OVERDUE)
                .<AssignmentOutcome>map(to -> new NeedsAttention(booking.status(), to, attention,
                        AttentionCase.of(booking, attention, now),
                        new BookingNeedsAttention(UUID.randomUUID(), now, booking.id(), booking.branchId(), reason, List.of(),
                                booking.customer())))
                .orElseGet(() -> notApplicable(booking, BookingTrigger.DECISION_OVERDUE));
    }

    /** The id under which a booking's overdue decision is applied (once) and its attention raised. */
    static UUID overdueDecisionId(String bookingId) {
        return UUID.nameUUIDFromBytes(("decision-overdue/" + bookingId).getBytes(StandardCharsets.UTF_8));
    }

    private static BookingTrigger firstDecision(Booking booking, BookingTrigger onTime, BookingTrigger late) {
        return booking.status() == BookingStatus.NEEDS_ATTENTION && booking.awaitsFirstDecision() ? late : onTime;
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

    private static String readable(Duration timeout) {
        long seconds = timeout.toSeconds();
        if (seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return seconds + " seconds";
    }

    private static AssignmentOutcome notApplicable(Booking booking, BookingTrigger trigger) {
        return new Skipped("booking " + booking.id() + " is " + booking.status() + "; " + trigger
                + " applies only in " + trigger.appliesIn());
    }
}
