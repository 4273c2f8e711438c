package app.sabai.notification.booking;

import app.sabai.contracts.values.Alternative;

import java.time.Instant;
import java.util.List;

/**
 * What a message says beyond the booking details: why a booking was rejected or needs attention, the
 * alternatives offered, the time a rescheduled booking had before, the therapist a booking had before.
 */
public record MessageFacts(String reason, String detail, List<Alternative> alternatives, Instant previousStart,
                           String previousTherapistName) {

    private static final MessageFacts NONE = new MessageFacts(null, null, List.of(), null, null);

    public MessageFacts {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    public static MessageFacts none() {
        return NONE;
    }

    public static MessageFacts offering(String reason, String detail, List<Alternative> alternatives) {
        return new MessageFacts(reason, detail, alternatives, null, null);
    }

    public static MessageFacts movedFrom(Instant previousStart) {
        return new MessageFacts(null, null, List.of(), previousStart, null);
    }

    public static MessageFacts because(String reason) {
        return new MessageFacts(reason, null, List.of(), null, null);
    }

    /** {@code previousTherapistName} may be null: the message then names only the new therapist. */
    public static MessageFacts replacing(String previousTherapistName) {
        return new MessageFacts(null, null, List.of(), null, previousTherapistName);
    }
}
