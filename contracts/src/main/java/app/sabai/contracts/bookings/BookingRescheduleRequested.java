package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

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
        String therapistId) implements BookingEvent {
}
