package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

@EventType("sabai.bookings.BookingConfirmed.v1")
public record BookingConfirmed(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        String therapistId,
        String therapistName,
        String roomId,
        Customer customer) implements BookingEvent {
}
