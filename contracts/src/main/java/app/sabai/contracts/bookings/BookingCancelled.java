package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

@EventType("sabai.bookings.BookingCancelled.v1")
public record BookingCancelled(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Instant start,
        Instant end,
        String therapistId,
        String reason,
        String cancelledBy) implements BookingEvent {
}
