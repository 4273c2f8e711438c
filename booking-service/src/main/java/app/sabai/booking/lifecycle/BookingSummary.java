package app.sabai.booking.lifecycle;

import java.time.Instant;
import java.time.ZoneId;

/** Where a booking stands and when its session starts: enough to filter and order a customer's bookings. */
public record BookingSummary(String bookingId, BookingStatus status, Instant start, ZoneId zone) {
}
