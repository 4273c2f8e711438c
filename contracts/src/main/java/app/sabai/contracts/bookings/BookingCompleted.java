package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;

import java.time.Instant;
import java.util.UUID;

/** The session was given. It counts for continuity: the customer's (and the course's) next session prefers this therapist. */
@EventType("sabai.bookings.BookingCompleted.v1")
public record BookingCompleted(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId,
        Customer customer,
        String courseId) implements BookingEvent {

    public BookingCompleted(UUID eventId, Instant occurredAt, String bookingId, String branchId, String therapistId) {
        this(eventId, occurredAt, bookingId, branchId, therapistId, null, null);
    }
}
