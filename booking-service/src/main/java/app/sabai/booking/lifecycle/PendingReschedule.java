package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Money;

import java.time.Instant;

/**
 * A move to another time, asked for and not answered yet. The booking keeps its session meanwhile;
 * {@code previousStatus} is where it returns if the new time cannot be had. {@code therapistId} is the therapist
 * asked for (the current one when none was named), {@code late}/{@code fee} what the move costs once made.
 */
public record PendingReschedule(
        Instant requestedStart,
        Instant requestedEnd,
        Instant requestedAt,
        Requester requestedBy,
        String therapistId,
        boolean late,
        Money fee,
        BookingStatus previousStatus) {
}
