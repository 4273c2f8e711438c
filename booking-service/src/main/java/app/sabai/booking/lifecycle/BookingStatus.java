package app.sabai.booking.lifecycle;

import java.util.Optional;

/**
 * Where a booking stands (ARCHITECTURE §9). Which trigger moves it where is {@link BookingTrigger}'s table.
 * {@code OFFER_REQUESTED} is a session held for a waitlist entry while therapist-service decides it;
 * {@code OFFERED} the same session held for the customer until the offer expires: only their answer (or the
 * expiry) ends it.
 */
public enum BookingStatus {
    REQUESTED,
    CONFIRMED,
    REJECTED,
    CANCELLED,
    RESCHEDULE_REQUESTED,
    COMPLETED,
    NO_SHOW,
    NEEDS_ATTENTION,
    OFFER_REQUESTED,
    OFFERED;

    /** A session held for a waitlist entry: asked for, or offered to the customer. */
    public boolean isOffer() {
        return this == OFFER_REQUESTED || this == OFFERED;
    }

    /** The status after {@code trigger}, or empty when the trigger does not apply in this status. */
    public Optional<BookingStatus> after(BookingTrigger trigger) {
        return trigger.from(this);
    }

    /** The status after {@code trigger} for a booking that was {@code previous} before this status (for triggers that lead back). */
    public Optional<BookingStatus> after(BookingTrigger trigger, BookingStatus previous) {
        return trigger.from(this, previous);
    }

    /** Nothing moves a booking on from here. */
    public boolean isFinal() {
        for (BookingTrigger trigger : BookingTrigger.values()) {
            if (trigger.appliesIn(this)) {
                return false;
            }
        }
        return true;
    }
}
