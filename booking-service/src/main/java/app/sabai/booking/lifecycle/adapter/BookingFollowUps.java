package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.Booking;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link BookingFollowUp} for a booking that belongs to a course or a waitlist entry; a booking of its own
 * needs none. The follow-ups are looked up when used, as they themselves change bookings through this package.
 */
@Component
public class BookingFollowUps {

    private final ObjectProvider<BookingFollowUp> followUps;
    private final Bookings bookings;

    BookingFollowUps(ObjectProvider<BookingFollowUp> followUps, Bookings bookings) {
        this.followUps = followUps;
        this.bookings = bookings;
    }

    /** After a change of {@code booking} (as read before it): reads it as it is now and brings what it belongs to in step. */
    public void afterChangeOf(Booking booking) {
        if (booking.isLinked()) {
            bookings.find(booking.id()).ifPresent(this::inStep);
        }
    }

    /** Brings what the booking (as it stands) belongs to in step with it. */
    public void inStep(Booking booking) {
        if (booking.isLinked()) {
            followUps.orderedStream().forEach(followUp -> followUp.after(booking));
        }
    }
}
