package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

@EventType("sabai.bookings.BookingRescheduled.v1")
public record BookingRescheduled(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Instant previousStart,
        Instant start,
        Instant end,
        ZoneId zone,
        String therapistId,
        String therapistName,
        Customer customer) implements BookingEvent {
}
