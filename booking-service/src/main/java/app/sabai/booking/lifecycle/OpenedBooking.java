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

/** A new booking and the event it causes: requested for assignment, or rejected by the intake screening. */
public record OpenedBooking(Booking booking, BookingEvent event) {

    public static OpenedBooking open(String bookingId, String customerId, BookingDetails details, ScreeningDecision screening,
                                     Instant now) {
        return switch (screening) {
            case Accepted accepted -> new OpenedBooking(
                    Booking.opened(bookingId, customerId, BookingStatus.REQUESTED, details, accepted.requirements(), null, now),
                    new BookingRequested(UUID.randomUUID(), now, bookingId, details.branchId(), details.technique(),
                            details.durationMinutes(), details.start(), details.end(), details.zone(), details.customer(),
                            details.preferences(), details.bodyAreas(), accepted.requirements(), details.homeVisit(), null));
            case Declined declined -> new OpenedBooking(
                    Booking.opened(bookingId, customerId, BookingStatus.REJECTED, details, null,
                            new Rejection(RejectionReason.INTAKE_DECLINED, declined.detail(), List.of()), now),
                    new BookingRejected(UUID.randomUUID(), now, bookingId, details.branchId(), details.technique(),
                            details.start(), details.zone(), RejectionReason.INTAKE_DECLINED, declined.detail(), List.of(),
                            details.customer()));
        };
    }
}
