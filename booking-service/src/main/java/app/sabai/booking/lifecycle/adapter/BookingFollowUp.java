package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.Booking;

/**
 * What must follow a change of a booking that belongs to something beyond itself (a session of a course, a waitlist
 * offer): the course or the waitlist entry is brought in step with where the booking stands now. Called after every
 * write that changes such a booking, and again when the change is found applied already (a redelivered decision, a
 * command sent again), so a crash between the booking's write and what follows loses nothing: each follow-up reads
 * the booking as it is and must change nothing when everything is in step already.
 */
public interface BookingFollowUp {

    void after(Booking booking);
}
