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
        Customer customer) implements BookingEvent {
}
