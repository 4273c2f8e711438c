package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The booking cannot be had as asked: the reason and the nearest alternatives. {@code courseId} is set for a
 * session of a course, {@code waitlistId} for a waitlist offer that could not be held (the customer keeps waiting).
 */
@EventType("sabai.bookings.BookingRejected.v1")
public record BookingRejected(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Technique technique,
        Instant start,
        ZoneId zone,
        RejectionReason reason,
        String detail,
        List<Alternative> alternatives,
        Customer customer,
        String courseId,
        String waitlistId) implements BookingEvent {

    public BookingRejected(UUID eventId, Instant occurredAt, String bookingId, String branchId, Technique technique, Instant start,
                           ZoneId zone, RejectionReason reason, String detail, List<Alternative> alternatives, Customer customer) {
        this(eventId, occurredAt, bookingId, branchId, technique, start, zone, reason, detail, alternatives, customer, null, null);
    }
}
