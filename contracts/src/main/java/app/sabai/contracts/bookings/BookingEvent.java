package app.sabai.contracts.bookings;

import app.sabai.contracts.SabaiEvent;

/** Events of {@code sabai.bookings}, keyed by branch so each branch's decisions stay in order. */
public sealed interface BookingEvent extends SabaiEvent permits
        BookingRequested, BookingConfirmed, BookingRejected, BookingCancelled, BookingRescheduleRequested,
        BookingRescheduled, BookingCompleted, BookingNoShow, BookingNeedsAttention, BookingTherapistChanged, BookingOffered,
        CourseDecided, BookingCustomerErased {

    String bookingId();

    String branchId();

    @Override
    default String key() {
        return branchId();
    }

    @Override
    default String subject() {
        return bookingId();
    }
}
