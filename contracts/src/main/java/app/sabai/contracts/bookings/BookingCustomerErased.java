package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer of the booking asked for their data to be erased: whoever keeps their name, email, phone or intake
 * for this booking erases it, and sends them nothing more. The booking itself stays, without a person to it.
 */
@EventType("sabai.bookings.BookingCustomerErased.v1")
public record BookingCustomerErased(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String customerId) implements BookingEvent {
}
