package app.sabai.therapist.planning;

import app.sabai.therapist.time.Interval;

import java.time.Instant;

/**
 * A session held in a therapist's, room's or equipment unit's day. {@code start}/{@code end} are the
 * blocked interval (changeover or travel included) that reservations compare; {@code sessionStart} and
 * {@code sessionEnd} are the treatment itself. {@code bookingId} plus {@code attempt} let a retried
 * booking recognise, and release, what an earlier attempt of it took.
 */
public record BookedSession(
        String bookingId,
        int attempt,
        String branchId,
        Instant start,
        Instant end,
        Instant sessionStart,
        Instant sessionEnd) {

    public static BookedSession of(String bookingId, int attempt, String branchId, Interval blocked, Interval session) {
        return new BookedSession(bookingId, attempt, branchId, blocked.start(), blocked.end(), session.start(), session.end());
    }

    public Interval blocked() {
        return new Interval(start, end);
    }
}
