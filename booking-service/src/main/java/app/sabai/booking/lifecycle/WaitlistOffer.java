package app.sabai.booking.lifecycle;

import java.time.Instant;

/**
 * A booking that is a waitlist offer: held for the customer until {@code expiresAt}; {@code ended} says how the offer
 * ended (null while it is open).
 */
public record WaitlistOffer(Instant expiresAt, End ended) {

    public enum End {
        /** The customer took it: the booking is confirmed. */
        ACCEPTED,
        /** The customer turned it down. */
        DECLINED,
        /** The customer did not answer in time. */
        EXPIRED,
        /** It was never offered: no decision came before the hold time passed. The entry keeps waiting. */
        LAPSED,
        /** The customer cancelled the waitlist entry. */
        WITHDRAWN
    }

    public WaitlistOffer ending(End end) {
        return new WaitlistOffer(expiresAt, end);
    }
}
