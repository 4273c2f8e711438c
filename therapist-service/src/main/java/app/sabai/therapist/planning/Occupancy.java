package app.sabai.therapist.planning;

import app.sabai.therapist.time.Interval;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sessions of a set of day documents, read once: what planning treats as taken. */
public record Occupancy(Map<String, List<BookedSession>> sessionsByDay) {

    public Occupancy {
        sessionsByDay = Map.copyOf(sessionsByDay);
    }

    public static Occupancy empty() {
        return new Occupancy(Map.of());
    }

    public List<BookedSession> sessions(String dayId) {
        return sessionsByDay.getOrDefault(dayId, List.of());
    }

    /** Free for {@code blocked}, not counting what the given booking itself holds (null: counting all). */
    public boolean isFree(String dayId, Interval blocked, String forBooking) {
        return conflict(dayId, blocked, forBooking).isEmpty();
    }

    /** The first session of another booking in the way of {@code blocked}. */
    public Optional<BookedSession> conflict(String dayId, Interval blocked, String forBooking) {
        return sessions(dayId).stream()
                .filter(session -> !session.bookingId().equals(forBooking))
                .filter(session -> session.blocked().overlaps(blocked))
                .findFirst();
    }

    /** How many sessions of other bookings the day holds. */
    public int count(String dayId, String forBooking) {
        return (int) sessions(dayId).stream().filter(session -> !session.bookingId().equals(forBooking)).count();
    }
}
