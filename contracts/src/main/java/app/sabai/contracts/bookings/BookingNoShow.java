package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Money;

import java.time.Instant;
import java.util.UUID;

/** The customer did not come; {@code fee} is what the branch's policy charges for it (null when nothing). */
@EventType("sabai.bookings.BookingNoShow.v1")
public record BookingNoShow(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId,
        Instant start,
        Instant end,
        Money fee,
        Customer customer) implements BookingEvent {

    public BookingNoShow(UUID eventId, Instant occurredAt, String bookingId, String branchId, String therapistId) {
        this(eventId, occurredAt, bookingId, branchId, therapistId, null, null, null, null);
    }
}
