package app.sabai.booking.lifecycle;

import java.util.Optional;

/** Where a booking stands (ARCHITECTURE §9). Which trigger moves it where is {@link BookingTrigger}'s table. */
public enum BookingStatus {
    REQUESTED,
    CONFIRMED,
    REJECTED,
    CANCELLED,
    RESCHEDULE_REQUESTED,
    COMPLETED,
    NO_SHOW,
    NEEDS_ATTENTION;

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
