package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Money;

import java.time.Instant;

/** Staff recorded that the customer did not come; {@code fee} is what the branch charges for it (null when nothing). */
public record NoShow(Instant recordedAt, Money fee) {
}
