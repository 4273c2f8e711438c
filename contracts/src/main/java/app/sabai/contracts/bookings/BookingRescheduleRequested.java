package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Move the confirmed booking to {@code newStart}: the same therapist when free ({@code therapistId} is the one
 * the customer or staff asked for, or the current one), else the best other. The booking keeps its current
 * session until the new one is confirmed. {@code late}/{@code fee}: the move came after the free period.
 */
@EventType("sabai.bookings.BookingRescheduleRequested.v1")
public record BookingRescheduleRequested(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant currentStart,
        Instant newStart,
        Instant newEnd,
        ZoneId zone,
        String therapistId,
        String requestedBy,
        boolean late,
        Money fee) implements BookingEvent {

    public BookingRescheduleRequested(UUID eventId, Instant occurredAt, String bookingId, String branchId, Technique technique,
                                      int durationMinutes, Instant currentStart, Instant newStart, Instant newEnd, ZoneId zone,
                                      String therapistId) {
        this(eventId, occurredAt, bookingId, branchId, technique, durationMinutes, currentStart, newStart, newEnd, zone, therapistId,
                null, false, null);
    }
}
