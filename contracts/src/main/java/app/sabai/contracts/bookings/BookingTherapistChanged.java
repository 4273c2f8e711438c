package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The confirmed booking has a new therapist at the same time (staff reassigned it, or its therapist is
 * absent): what the customer is told. Carries what a message needs, like {@code BookingConfirmed}.
 */
@EventType("sabai.bookings.BookingTherapistChanged.v1")
public record BookingTherapistChanged(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        String previousTherapistId,
        String previousTherapistName,
        String therapistId,
        String therapistName,
        String roomId,
        String reason,
        Customer customer) implements BookingEvent {
}
