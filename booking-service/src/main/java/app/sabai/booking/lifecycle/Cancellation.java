package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Money;

import java.time.Instant;

/** How the booking was cancelled: when, by whom, why, whether after the free period, and the fee (null when none). */
public record Cancellation(Instant at, Requester by, String reason, boolean late, Money fee) {
}
