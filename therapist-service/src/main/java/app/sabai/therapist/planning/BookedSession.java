package app.sabai.therapist.planning;

import app.sabai.therapist.time.Interval;

import java.time.Instant;
import java.util.Objects;

/**
 * What holds a therapist, room or equipment unit for a while. {@code start}/{@code end} are the blocked
 * interval (changeover or travel included) that reservations compare; {@code sessionStart} and
 * {@code sessionEnd} are the treatment itself. {@code bookingId} plus {@code attempt} let a retried or
 * moved booking recognise, and release, what an earlier attempt of it took.
 *
 * <p>An absence is held the same way, so that the guarded reservation that refuses overlapping sessions
 * also refuses a session in a therapist's absence: {@code absenceId} is then set and {@code bookingId} null.
 */
public record BookedSession(
        String bookingId,
        int attempt,
        String branchId,
        Instant start,
        Instant end,
        Instant sessionStart,
        Instant sessionEnd,
        String absenceId,
        String absenceReason) {

    public BookedSession {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        sessionStart = sessionStart == null ? start : sessionStart;
        sessionEnd = sessionEnd == null ? end : sessionEnd;
    }

    public static BookedSession of(String bookingId, int attempt, String branchId, Interval blocked, Interval session) {
        return new BookedSession(bookingId, attempt, branchId, blocked.start(), blocked.end(), session.start(), session.end(),
                null, null);
    }

    public static BookedSession absence(String absenceId, String reason, String branchId, Interval period) {
        return new BookedSession(null, 0, branchId, period.start(), period.end(), period.start(), period.end(), absenceId, reason);
    }

    public boolean isAbsence() {
        return absenceId != null;
    }

    public Interval blocked() {
        return new Interval(start, end);
    }

    public Interval session() {
        return new Interval(sessionStart, sessionEnd);
    }

    /** Held by that booking (any attempt of it). */
    public boolean heldBy(String booking) {
        return !isAbsence() && booking != null && booking.equals(bookingId);
    }

    /** Identifies the entry across the day documents it is filed in. */
    public String key() {
        return isAbsence() ? "absence:" + absenceId : bookingId + "#" + attempt;
    }
}
