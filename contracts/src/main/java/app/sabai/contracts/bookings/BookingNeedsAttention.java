package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The booking lost its therapist and no replacement was found: staff must act, the customer is offered alternatives. */
@EventType("sabai.bookings.BookingNeedsAttention.v1")
public record BookingNeedsAttention(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String reason,
        List<Alternative> alternatives,
        Customer customer) implements BookingEvent {
}
