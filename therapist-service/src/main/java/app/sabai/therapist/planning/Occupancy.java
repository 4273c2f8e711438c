package app.sabai.therapist.planning;

import app.sabai.therapist.time.Interval;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What holds each resource over the time that was read: the sessions and absences planning treats as taken. */
public record Occupancy(Map<Resource, List<BookedSession>> byResource) {

    public Occupancy {
        Map<Resource, List<BookedSession>> copy = new HashMap<>();
        byResource.forEach((resource, sessions) -> copy.put(resource, distinct(sessions)));
        byResource = Map.copyOf(copy);
    }

    public static Occupancy empty() {
        return new Occupancy(Map.of());
    }

    public List<BookedSession> sessions(Resource resource) {
        return byResource.getOrDefault(resource, List.of());
    }

    /** Free for {@code blocked}, not counting what the given booking itself holds (null: counting all). */
    public boolean isFree(Resource resource, Interval blocked, String forBooking) {
        return conflict(resource, blocked, forBooking).isEmpty();
    }

    /** The first session of another booking, or an absence, in the way of {@code blocked}. */
    public Optional<BookedSession> conflict(Resource resource, Interval blocked, String forBooking) {
        return sessions(resource).stream()
                .filter(session -> !session.heldBy(forBooking))
                .filter(session -> session.blocked().overlaps(blocked))
                .min(Comparator.comparing(BookedSession::isAbsence).reversed().thenComparing(BookedSession::start));
    }

    /** How many sessions of other bookings the resource gives on a local date. */
    public int count(Resource resource, LocalDate date, ZoneId zone, String forBooking) {
        return (int) sessions(resource).stream()
                .filter(session -> !session.isAbsence() && !session.heldBy(forBooking))
                .filter(session -> session.sessionStart().atZone(zone).toLocalDate().equals(date))
                .count();
    }

    /** This occupancy with one more session held: for planning several bookings against one read. */
    public Occupancy with(Resource resource, BookedSession session) {
        Map<Resource, List<BookedSession>> more = new LinkedHashMap<>(byResource);
        List<BookedSession> sessions = new ArrayList<>(sessions(resource));
        sessions.add(session);
        more.put(resource, sessions);
        return new Occupancy(more);
    }

    /** This occupancy without what the booking holds on the resource. */
    public Occupancy without(Resource resource, String bookingId) {
        Map<Resource, List<BookedSession>> fewer = new LinkedHashMap<>(byResource);
        fewer.put(resource, sessions(resource).stream().filter(session -> !session.heldBy(bookingId)).toList());
        return new Occupancy(fewer);
    }

    /** A session filed in several day documents is read several times: keep each once, in time order. */
    private static List<BookedSession> distinct(List<BookedSession> sessions) {
        Map<String, BookedSession> byKey = new LinkedHashMap<>();
        sessions.forEach(session -> byKey.putIfAbsent(session.key(), session));
        return byKey.values().stream().sorted(Comparator.comparing(BookedSession::start)).toList();
    }
}
