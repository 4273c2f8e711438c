package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

@EventType("sabai.bookings.BookingNoShow.v1")
public record BookingNoShow(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId) implements BookingEvent {
}
