package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A slot matching a waitlist entry came free and is held for the customer until {@code expiresAt}: they accept
 * it (the booking is confirmed) or it passes to the next customer waiting.
 */
@EventType("sabai.bookings.BookingOffered.v1")
public record BookingOffered(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String waitlistId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        String therapistName,
        Instant expiresAt,
        Customer customer) implements BookingEvent {
}
