package app.sabai.booking.waitlist;

/**
 * Where a waitlist entry stands: waiting for a slot (also while a slot is being held for it, before it is offered),
 * OFFERED a slot held until the offer expires, BOOKED (the offer accepted), DECLINED or EXPIRED (the offer ended so),
 * or CANCELLED by its customer. An entry whose window has passed without an offer reads EXPIRED.
 */
public enum WaitlistStatus {
    WAITING,
    OFFERED,
    BOOKED,
    DECLINED,
    EXPIRED,
    CANCELLED;

    public boolean isFinal() {
        return this != WAITING && this != OFFERED;
    }
}
