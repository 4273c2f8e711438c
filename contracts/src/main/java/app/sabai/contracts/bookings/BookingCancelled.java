package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The booking is cancelled, by the customer, by staff, or because a waitlist offer expired.
 * {@code cancelledBy} is CUSTOMER, STAFF or SYSTEM. {@code late} is true when it came after the branch's free
 * cancellation period; {@code fee} is what the policy charges for it (null when nothing).
 */
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
        String cancelledBy,
        boolean late,
        Money fee,
        Technique technique,
        ZoneId zone,
        Customer customer,
        String courseId) implements BookingEvent {

    public BookingCancelled(UUID eventId, Instant occurredAt, String bookingId, String branchId, Instant start, Instant end,
                            String therapistId, String reason, String cancelledBy) {
        this(eventId, occurredAt, bookingId, branchId, start, end, therapistId, reason, cancelledBy, false, null, null, null, null, null);
    }
}
