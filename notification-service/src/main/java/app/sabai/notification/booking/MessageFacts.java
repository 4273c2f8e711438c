package app.sabai.notification.booking;

import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Money;

import java.time.Instant;
import java.util.List;

/**
 * What a message says beyond the booking details: why a booking was rejected or needs attention, the
 * alternatives offered, the time a rescheduled booking had before, the therapist a booking had before, the
 * fee a late change or a no-show costs, until when an offer is held, and the sessions of a course.
 */
public record MessageFacts(String reason, String detail, List<Alternative> alternatives, Instant previousStart,
                           String previousTherapistName, Money fee, Instant offerExpiresAt,
                           List<CourseDecided.Session> sessions) {

    private static final MessageFacts NONE = new MessageFacts(null, null, List.of(), null, null, null, null, List.of());

    public MessageFacts {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        fee = fee == null || fee.isZero() ? null : fee;
    }

    public static MessageFacts none() {
        return NONE;
    }

    public static MessageFacts offering(String reason, String detail, List<Alternative> alternatives) {
        return new MessageFacts(reason, detail, alternatives, null, null, null, null, List.of());
    }

    /** A move; {@code fee} (null when none) is what a late move costs. */
    public static MessageFacts movedFrom(Instant previousStart, Money fee) {
        return new MessageFacts(null, null, List.of(), previousStart, null, fee, null, List.of());
    }

    /** A cancellation or a no-show; {@code fee} (null when none) is what it costs. */
    public static MessageFacts charging(String reason, Money fee) {
        return new MessageFacts(reason, null, List.of(), null, null, fee, null, List.of());
    }

    /** {@code previousTherapistName} may be null: the message then names only the new therapist. */
    public static MessageFacts replacing(String previousTherapistName) {
        return new MessageFacts(null, null, List.of(), null, previousTherapistName, null, null, List.of());
    }

    public static MessageFacts heldUntil(Instant offerExpiresAt) {
        return new MessageFacts(null, null, List.of(), null, null, null, offerExpiresAt, List.of());
    }

    public static MessageFacts course(List<CourseDecided.Session> sessions) {
        return new MessageFacts(null, null, List.of(), null, null, null, null, sessions);
    }
}
