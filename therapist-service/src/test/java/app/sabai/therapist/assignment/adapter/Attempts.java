package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Planning attempts stopped half-way, as a process that died would leave them. */
public final class Attempts {

    private Attempts() {
    }

    /** Opens the booking, claims an attempt and reserves the therapist (and the room, if given) with it; returns the attempt. */
    public static int diedHolding(Assignments assignments, Reservations reservations, BookingRequested request, Branch branch,
                                  Therapist therapist, String roomId) {
        assignments.open(request, Instant.now());
        int attempt = assignments.claim(request.bookingId()).orElseThrow();
        Interval session = new Interval(request.start(), request.end());
        BookedSession held = BookedSession.of(request.bookingId(), attempt, branch.id(), branch.blockedFor(session), session);
        assertThat(reservations.reserve(Resource.therapist(therapist.id()), held)).isTrue();
        if (roomId != null) {
            assertThat(reservations.reserve(Resource.room(branch.id(), roomId), held)).isTrue();
        }
        return attempt;
    }

    /** A later attempt of the booking started (a redelivery): what earlier ones hold is left behind. */
    public static void replacedByALaterAttempt(Assignments assignments, String bookingId) {
        assertThat(assignments.claim(bookingId)).isPresent();
    }
}
