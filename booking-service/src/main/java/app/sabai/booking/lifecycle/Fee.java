package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Money;

import java.time.Instant;

/** A charge the booking incurred under its branch's policy. */
public record Fee(Reason reason, Money amount, Instant chargedAt) {

    public enum Reason {
        LATE_CANCELLATION,
        LATE_RESCHEDULE,
        NO_SHOW
    }
}
