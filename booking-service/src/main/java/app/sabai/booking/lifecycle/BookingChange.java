package app.sabai.booking.lifecycle;

import app.sabai.booking.policy.Charge;
import app.sabai.booking.policy.FeePolicy;
import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.bookings.BookingRescheduleRequested;
import app.sabai.contracts.values.Money;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a customer's or staff's command (cancel, reschedule, no-show, complete) does to a booking: the new
 * state and the event it causes, or why it cannot be done now. {@code from} is the status the change was
 * decided in; the write only lands while the booking is still as read.
 * <p>
 * A booking that needs attention is one the branch could not give as booked: cancelling or moving it costs
 * the customer nothing, however late. A waitlist offer is answered by its customer (accepted or declined), or ends by
 * expiring or by its entry being cancelled; each of those ends it free, cancelled by the system.
 */
public sealed interface BookingChange {

    /**
     * {@code fee} is the late fee charged (null when none); {@code closed} the attention the booking needed (null when
     * none); {@code offer} the waitlist offer as it ends (null for a booking that is not one).
     */
    record Cancelled(BookingStatus from, BookingStatus to, Cancellation cancellation, Fee fee, Attention closed,
                     WaitlistOffer offer, BookingCancelled event) implements BookingChange {
    }

    /** The customer took the slot offered to them: the booking is confirmed. */
    record OfferAccepted(BookingStatus from, BookingStatus to, WaitlistOffer offer, BookingConfirmed event) implements BookingChange {
    }

    /** The offer's hold time has passed: it can no longer be accepted (it is about to be ended). */
    record OfferOver(String bookingId, Instant expiredAt) implements BookingChange {

        public String detail() {
            return "The offer of booking " + bookingId + " expired at " + expiredAt + ": it can no longer be accepted";
        }
    }

    record RescheduleAsked(BookingStatus from, BookingStatus to, PendingReschedule reschedule, BookingRescheduleRequested event)
            implements BookingChange {
    }

    record MarkedNoShow(BookingStatus from, BookingStatus to, NoShow noShow, Fee fee, BookingNoShow event) implements BookingChange {
    }

    record Completed(BookingStatus from, BookingStatus to, Completion completion, BookingCompleted event) implements BookingChange {
    }

    /**
     * The command does not apply in the booking's status; {@code allowed} is what the requester may ask for instead.
     * {@code waitlistId} is set for a waitlist offer, which is answered on its entry.
     */
    record NotAllowed(String bookingId, BookingStatus status, String action, List<String> allowed, List<BookingStatus> appliesIn,
                      String waitlistId)
            implements BookingChange {

        public String detail() {
            String possibleNow = allowed.isEmpty()
                    ? (status.isFinal() ? " Nothing can change it any more." : " Nothing can be asked for it now.")
                    : " Possible now: " + String.join(", ", allowed) + ".";
            String offer = "";
            if (status == BookingStatus.OFFERED && waitlistId != null) {
                offer = " It is a waitlist offer: answer it with POST /api/waitlist/" + waitlistId + "/acceptance or /decline.";
            } else if (status == BookingStatus.OFFER_REQUESTED && waitlistId != null) {
                offer = " It is a waitlist offer still being held for waitlist entry " + waitlistId + ".";
            }
            return "Booking " + bookingId + " is " + status + ": a " + action + " is possible only when it is "
                    + appliesIn.stream().map(Enum::name).collect(Collectors.joining(" or ")) + "." + possibleNow + offer;
        }
    }

    /** The command applies, but not before {@code possibleFrom} (the session's start). */
    record NotYet(String bookingId, String action, Instant possibleFrom, ZoneId zone) implements BookingChange {

        public String detail() {
            LocalDateTime local = LocalDateTime.ofInstant(possibleFrom, zone);
            String what = action.equals("no-show") ? "marked as a no-show" : "marked as completed";
            return "Booking " + bookingId + " can be " + what + " from the start of its session, " + possibleFrom
                    + " (" + local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " in " + zone + ")";
        }
    }

    static BookingChange cancel(Booking booking, Requester by, String reason, FeePolicy policy, Instant now) {
        BookingTrigger trigger = by == Requester.CUSTOMER ? BookingTrigger.CUSTOMER_CANCELS : BookingTrigger.STAFF_CANCELS;
        return booking.status().after(trigger).<BookingChange>map(to -> {
            Charge charge = chargeFor(booking, policy, now);
            Cancellation cancellation = new Cancellation(now, by, reason, charge.late(), charge.fee());
            return new Cancelled(booking.status(), to, cancellation, fee(Fee.Reason.LATE_CANCELLATION, charge.fee(), now),
                    booking.attention(), null,
                    new BookingCancelled(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.start(), booking.end(),
                            booking.lastKnownTherapistId(), reason, by.name(), charge.late(), charge.fee(), booking.technique(),
                            booking.zone(), booking.customer(), booking.courseId()));
        }).orElseGet(() -> notAllowed(booking, by, trigger));
    }

    /** The customer takes the slot offered: confirmed with the therapist and room that hold it, while the offer is open. */
    static BookingChange acceptOffer(Booking booking, Instant now) {
        BookingTrigger trigger = BookingTrigger.OFFER_ACCEPTED;
        return booking.status().after(trigger).<BookingChange>map(to -> {
            if (booking.offerExpiresAt() != null && !now.isBefore(booking.offerExpiresAt())) {
                return new OfferOver(booking.id(), booking.offerExpiresAt());
            }
            AssignedTherapist therapist = booking.therapist();
            return new OfferAccepted(booking.status(), to, booking.offer().ending(WaitlistOffer.End.ACCEPTED),
                    new BookingConfirmed(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.technique(),
                            booking.durationMinutes(), booking.start(), booking.end(), booking.zone(),
                            therapist == null ? null : therapist.therapistId(), therapist == null ? null : therapist.name(),
                            booking.roomId(), booking.customer(), booking.courseId(), booking.waitlistId()));
        }).orElseGet(() -> notAllowed(booking, Requester.CUSTOMER, trigger));
    }

    /** The customer turns the offer down: cancelled by the system, free; the slot passes to the next customer waiting. */
    static BookingChange declineOffer(Booking booking, Instant now) {
        return endOffer(booking, BookingTrigger.OFFER_DECLINED, Requester.CUSTOMER, "offer declined", WaitlistOffer.End.DECLINED, now);
    }

    /**
     * The hold time passed: an offer the customer was sent ends EXPIRED; a hold that was never offered (no decision came
     * in time) ends LAPSED, and its entry keeps waiting.
     */
    static BookingChange expireOffer(Booking booking, Instant now) {
        WaitlistOffer.End end = booking.status() == BookingStatus.OFFERED ? WaitlistOffer.End.EXPIRED : WaitlistOffer.End.LAPSED;
        return endOffer(booking, BookingTrigger.OFFER_EXPIRED, Requester.SYSTEM, "offer expired", end, now);
    }

    /** The customer cancelled the waitlist entry: its offer (held or sent) ends with it. */
    static BookingChange withdrawOffer(Booking booking, Instant now) {
        return endOffer(booking, BookingTrigger.OFFER_WITHDRAWN, Requester.SYSTEM, "waitlist entry cancelled",
                WaitlistOffer.End.WITHDRAWN, now);
    }

    /**
     * Cancelled by the system and free. The event names the customer only when they were sent the offer: a hold they
     * never heard of ends without a message to them.
     */
    private static BookingChange endOffer(Booking booking, BookingTrigger trigger, Requester refusedTo, String reason,
                                          WaitlistOffer.End end, Instant now) {
        return booking.status().after(trigger).<BookingChange>map(to -> {
            WaitlistOffer offer = booking.offer() == null ? new WaitlistOffer(null, end) : booking.offer().ending(end);
            boolean wasOffered = booking.status() == BookingStatus.OFFERED;
            return new Cancelled(booking.status(), to, new Cancellation(now, Requester.SYSTEM, reason, false, null), null, null, offer,
                    new BookingCancelled(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.start(), booking.end(),
                            booking.lastKnownTherapistId(), reason, Requester.SYSTEM.name(), false, null, booking.technique(),
                            booking.zone(), wasOffered ? booking.customer() : null, booking.courseId()));
        }).orElseGet(() -> notAllowed(booking, refusedTo, trigger));
    }

    /**
     * A move to {@code newStart}, with {@code therapistId} when one was asked for (else the current therapist).
     * Whether it is late is judged against the current start; the fee is charged once the move is made.
     */
    static BookingChange requestReschedule(Booking booking, Requester by, Instant newStart, Instant newEnd, String therapistId,
                                           FeePolicy policy, Instant now) {
        BookingTrigger trigger = by == Requester.CUSTOMER ? BookingTrigger.CUSTOMER_RESCHEDULES : BookingTrigger.STAFF_RESCHEDULES;
        return booking.status().after(trigger).<BookingChange>map(to -> {
            Charge charge = chargeFor(booking, policy, now);
            String therapist = therapistId != null ? therapistId : booking.lastKnownTherapistId();
            PendingReschedule pending = new PendingReschedule(newStart, newEnd, now, by, therapist, charge.late(), charge.fee(),
                    booking.status());
            return new RescheduleAsked(booking.status(), to, pending,
                    new BookingRescheduleRequested(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.technique(),
                            booking.durationMinutes(), booking.start(), newStart, newEnd, booking.zone(), therapist, by.name(),
                            charge.late(), charge.fee()));
        }).orElseGet(() -> notAllowed(booking, by, trigger));
    }

    /** Why the requester cannot ask to move the booking now; empty when they can (the new time is checked next). */
    static Optional<NotAllowed> rescheduleRefusal(Booking booking, Requester by) {
        BookingTrigger trigger = by == Requester.CUSTOMER ? BookingTrigger.CUSTOMER_RESCHEDULES : BookingTrigger.STAFF_RESCHEDULES;
        return trigger.appliesIn(booking.status()) ? Optional.empty() : Optional.of(notAllowed(booking, by, trigger));
    }

    static BookingChange markNoShow(Booking booking, FeePolicy policy, Instant now) {
        BookingTrigger trigger = BookingTrigger.MARK_NO_SHOW;
        return booking.status().after(trigger).<BookingChange>map(to -> {
            if (now.isBefore(booking.start())) {
                return new NotYet(booking.id(), "no-show", booking.start(), booking.zone());
            }
            Money fee = policy.noShowFee();
            return new MarkedNoShow(booking.status(), to, new NoShow(now, fee), fee(Fee.Reason.NO_SHOW, fee, now),
                    new BookingNoShow(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.lastKnownTherapistId(),
                            booking.start(), booking.end(), fee, booking.customer()));
        }).orElseGet(() -> notAllowed(booking, Requester.STAFF, trigger));
    }

    static BookingChange complete(Booking booking, Instant now) {
        BookingTrigger trigger = BookingTrigger.COMPLETE;
        return booking.status().after(trigger).<BookingChange>map(to -> {
            if (now.isBefore(booking.start())) {
                return new NotYet(booking.id(), "completion", booking.start(), booking.zone());
            }
            return new Completed(booking.status(), to, new Completion(now),
                    new BookingCompleted(UUID.randomUUID(), now, booking.id(), booking.branchId(), booking.lastKnownTherapistId(),
                            booking.customer(), booking.courseId()));
        }).orElseGet(() -> notAllowed(booking, Requester.STAFF, trigger));
    }

    private static Charge chargeFor(Booking booking, FeePolicy policy, Instant now) {
        Charge charge = policy.forChangeAt(booking.start(), now);
        return booking.status() == BookingStatus.NEEDS_ATTENTION ? charge.waived() : charge;
    }

    private static Fee fee(Fee.Reason reason, Money amount, Instant now) {
        return amount == null ? null : new Fee(reason, amount, now);
    }

    private static NotAllowed notAllowed(Booking booking, Requester requester, BookingTrigger trigger) {
        return new NotAllowed(booking.id(), booking.status(), trigger.action().orElse(trigger.name()),
                BookingTrigger.actionsFor(requester, booking.status()),
                trigger.appliesIn().stream().sorted().toList(), booking.waitlistId());
    }
}
