package app.sabai.contracts.bookings;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The booking has its therapist, room and equipment. {@code courseId} is set for a session of a course (its
 * customer hears of the whole course at once, {@code CourseDecided}); {@code waitlistId} when a waitlist offer
 * was accepted.
 */
@EventType("sabai.bookings.BookingConfirmed.v1")
public record BookingConfirmed(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        Technique technique,
        int durationMinutes,
        Instant start,
        Instant end,
        ZoneId zone,
        String therapistId,
        String therapistName,
        String roomId,
        Customer customer,
        String courseId,
        String waitlistId) implements BookingEvent {

    public BookingConfirmed(UUID eventId, Instant occurredAt, String bookingId, String branchId, Technique technique, int durationMinutes,
                            Instant start, Instant end, ZoneId zone, String therapistId, String therapistName, String roomId,
                            Customer customer) {
        this(eventId, occurredAt, bookingId, branchId, technique, durationMinutes, start, end, zone, therapistId, therapistName, roomId,
                customer, null, null);
    }
}
