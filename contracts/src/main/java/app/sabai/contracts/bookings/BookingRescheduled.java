package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** The booking now takes place at {@code start}, with {@code therapistId}; {@code fee} is charged for a late move. */
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
        Customer customer,
        Technique technique,
        int durationMinutes,
        String roomId,
        boolean late,
        Money fee) implements BookingEvent {

    public BookingRescheduled(UUID eventId, Instant occurredAt, String bookingId, String branchId, Instant previousStart, Instant start,
                              Instant end, ZoneId zone, String therapistId, String therapistName, Customer customer) {
        this(eventId, occurredAt, bookingId, branchId, previousStart, start, end, zone, therapistId, therapistName, customer, null, 0,
                null, false, null);
    }
}
