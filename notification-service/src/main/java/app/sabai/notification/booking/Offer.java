package app.sabai.notification.booking;

import java.time.Instant;

/**
 * A waitlist offer of this booking's slot, held for the customer until {@code expiresAt}. OPEN while it
 * stands; ACCEPTED once the booking is confirmed; ENDED when it expired or was withdrawn (the booking was
 * cancelled). Only an open offer is told to the customer.
 */
public record Offer(String waitlistId, Instant expiresAt, Status status) {

    public enum Status {
        OPEN,
        ACCEPTED,
        ENDED
    }

    boolean isOpen() {
        return status == Status.OPEN;
    }

    Offer with(Status newStatus) {
        return new Offer(waitlistId, expiresAt, newStatus);
    }
}
