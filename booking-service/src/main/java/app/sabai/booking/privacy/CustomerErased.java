package app.sabai.booking.privacy;

import java.time.Instant;
import java.util.List;

/**
 * The answer to {@code DELETE /api/me}: the bookings still to come that were cancelled (under the branch's policy),
 * and how many bookings are kept without anything that names the customer.
 */
public record CustomerErased(String customerId, Instant erasedAt, List<String> cancelledBookingIds, int bookingsKeptAnonymous) {
}
