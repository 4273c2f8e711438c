package app.sabai.booking.lifecycle;

import app.sabai.booking.intake.ScreeningDecision;
import app.sabai.booking.intake.ScreeningDecision.Accepted;
import app.sabai.booking.intake.ScreeningDecision.Declined;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.RejectionReason;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new booking and the event it causes: requested for assignment, or rejected by the intake screening. A session of a
 * course carries the course's id on the booking and its event; a waitlist offer is requested as {@code OFFER_REQUESTED},
 * with the entry's id and until when the offer holds.
 */
public record OpenedBooking(Booking booking, BookingEvent event) {

    public static OpenedBooking open(String bookingId, String customerId, BookingDetails details, ScreeningDecision screening,
                                     Instant now) {
        return open(bookingId, customerId, details, screening, now, Booking.Links.NONE);
    }

    public static OpenedBooking open(String bookingId, String customerId, BookingDetails details, ScreeningDecision screening,
                                     Instant now, Booking.Links links) {
        BookingStatus requested = links.waitlistId() != null ? BookingStatus.OFFER_REQUESTED : BookingStatus.REQUESTED;
        Instant offerExpiresAt = links.offer() == null ? null : links.offer().expiresAt();
        return switch (screening) {
            case Accepted accepted -> new OpenedBooking(
                    Booking.opened(bookingId, customerId, requested, details, accepted.requirements(), null, now, links),
                    new BookingRequested(UUID.randomUUID(), now, bookingId, details.branchId(), details.technique(),
                            details.durationMinutes(), details.start(), details.end(), details.zone(), details.customer(),
                            details.preferences(), details.bodyAreas(), accepted.requirements(), details.homeVisit(),
                            links.courseId(), links.waitlistId(), offerExpiresAt));
            case Declined declined -> new OpenedBooking(
                    Booking.opened(bookingId, customerId, BookingStatus.REJECTED, details, null,
                            new Rejection(RejectionReason.INTAKE_DECLINED, declined.detail(), List.of()), now, links),
                    new BookingRejected(UUID.randomUUID(), now, bookingId, details.branchId(), details.technique(),
                            details.start(), details.zone(), RejectionReason.INTAKE_DECLINED, declined.detail(), List.of(),
                            details.customer(), links.courseId(), links.waitlistId()));
        };
    }
}
