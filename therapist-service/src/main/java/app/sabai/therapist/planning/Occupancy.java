package app.sabai.therapist.planning;

import app.sabai.therapist.time.Interval;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What holds each resource over the time that was read: the sessions and absences planning treats as taken.
 *
 * <p>Each resource's sessions are kept in order of their start, with the longest of them, so that a question about an
 * interval reads only the sessions that could touch it: an availability search asks about every therapist and room at
 * every start of a fortnight, and reading each resource's whole fortnight for each made it cost as much as the sessions
 * held times the starts tried.
 */
public final class Occupancy {

    private final Map<Resource, Timeline> byResource;

    public Occupancy(Map<Resource, List<BookedSession>> byResource) {
        Map<Resource, Timeline> timelines = new HashMap<>();
        byResource.forEach((resource, sessions) -> timelines.put(resource, Timeline.of(sessions)));
        this.byResource = timelines;
    }

    /** Held in a {@code HashMap}, never changed: {@code Map.copyOf}'s probing compares keys without their hash first. */
    private Occupancy(Timelines timelines) {
        this.byResource = new HashMap<>(timelines.byResource());
    }

    /** Timelines already made, for a copy that changes one resource's. */
    private record Timelines(Map<Resource, Timeline> byResource) {
    }

    public static Occupancy empty() {
        return new Occupancy(Map.of());
    }

    /** Each resource's sessions in order of their start. */
    public Map<Resource, List<BookedSession>> byResource() {
        Map<Resource, List<BookedSession>> sessions = new HashMap<>();
        byResource.forEach((resource, timeline) -> sessions.put(resource, timeline.sessions()));
        return Map.copyOf(sessions);
    }

    public List<BookedSession> sessions(Resource resource) {
        Timeline timeline = byResource.get(resource);
        return timeline == null ? List.of() : timeline.sessions();
    }

    /** Free for {@code blocked}, not counting what the given booking itself holds (null: counting all). */
    public boolean isFree(Resource resource, Interval blocked, String forBooking) {
        return conflict(resource, blocked, forBooking).isEmpty();
    }

    /** The first session of another booking, or an absence, in the way of {@code blocked}. */
    public Optional<BookedSession> conflict(Resource resource, Interval blocked, String forBooking) {
        BookedSession first = null;
        for (BookedSession session : mayTouch(resource, blocked.start(), blocked.end())) {
            if (blocked.start().isBefore(session.end()) && !session.heldBy(forBooking)
                    && (first == null || FIRST_IN_THE_WAY.compare(session, first) < 0)) {
                first = session;
            }
        }
        return Optional.ofNullable(first);
    }

    /** An absence before a session, then the earlier. */
    private static final Comparator<BookedSession> FIRST_IN_THE_WAY = Comparator.comparing(BookedSession::isAbsence).reversed()
            .thenComparing(BookedSession::start);

    /** How many sessions of other bookings the resource gives on a local date. */
    public int count(Resource resource, LocalDate date, ZoneId zone, String forBooking) {
        return count(resource, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant(), forBooking);
    }

    /** The same, for the local day from {@code dayStarts} until {@code nextDayStarts}. */
    public int count(Resource resource, Instant dayStarts, Instant nextDayStarts, String forBooking) {
        int count = 0;
        for (BookedSession session : mayTouch(resource, dayStarts, nextDayStarts)) {
            boolean thatDay = !session.sessionStart().isBefore(dayStarts) && session.sessionStart().isBefore(nextDayStarts);
            if (thatDay && !session.isAbsence() && !session.heldBy(forBooking)) {
                count++;
            }
        }
        return count;
    }

    /** The resource's sessions that start before {@code until} and may still be held at {@code from}. */
    private List<BookedSession> mayTouch(Resource resource, Instant from, Instant until) {
        Timeline timeline = byResource.get(resource);
        return timeline == null ? List.of() : timeline.mayTouch(from, until);
    }

    /** This occupancy with one more session held: for planning several bookings against one read. */
    public Occupancy with(Resource resource, BookedSession session) {
        Map<Resource, Timeline> more = new LinkedHashMap<>(byResource);
        List<BookedSession> sessions = new ArrayList<>(sessions(resource));
        sessions.add(session);
        more.put(resource, Timeline.of(sessions));
        return new Occupancy(new Timelines(more));
    }

    /** This occupancy with more sessions held on some resources: what a row of requests holds and has not filed yet. */
    public Occupancy with(Map<Resource, List<BookedSession>> held) {
        if (held.isEmpty()) {
            return this;
        }
        Map<Resource, Timeline> more = new LinkedHashMap<>(byResource);
        held.forEach((resource, sessions) -> {
            List<BookedSession> all = new ArrayList<>(sessions(resource));
            all.addAll(sessions);
            more.put(resource, Timeline.of(all));
        });
        return new Occupancy(new Timelines(more));
    }

    /** This occupancy without what the booking holds on the resource. */
    public Occupancy without(Resource resource, String bookingId) {
        Map<Resource, Timeline> fewer = new LinkedHashMap<>(byResource);
        fewer.put(resource, Timeline.of(sessions(resource).stream().filter(session -> !session.heldBy(bookingId)).toList()));
        return new Occupancy(new Timelines(fewer));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Occupancy occupancy && occupancy.byResource().equals(byResource());
    }

    @Override
    public int hashCode() {
        return Objects.hash(byResource());
    }

    @Override
    public String toString() {
        return "Occupancy" + byResource();
    }

    /**
     * One resource's sessions, each once, in order of their blocked start, with those starts in epoch seconds to search,
     * and the longest blocked interval among them in whole seconds, rounded up: a session that starts more than that
     * before an instant has ended by it.
     */
    private record Timeline(List<BookedSession> sessions, long[] startSeconds, long longestSeconds) {

        /** A session filed in several day documents is read several times: keep each once, in time order. */
        static Timeline of(List<BookedSession> sessions) {
            Map<String, BookedSession> byKey = new LinkedHashMap<>();
            sessions.forEach(session -> byKey.putIfAbsent(session.key(), session));
            List<BookedSession> ordered = byKey.values().stream().sorted(Comparator.comparing(BookedSession::start)).toList();
            long[] startSeconds = new long[ordered.size()];
            Duration longest = Duration.ZERO;
            for (int i = 0; i < ordered.size(); i++) {
                BookedSession session = ordered.get(i);
                startSeconds[i] = session.start().getEpochSecond();
                Duration length = Duration.between(session.start(), session.end());
                if (length.compareTo(longest) > 0) {
                    longest = length;
                }
            }
            return new Timeline(ordered, startSeconds, (longest.toMillis() + 999) / 1000);
        }

        /**
         * The sessions that start before {@code until} and whose blocked interval may end after {@code from}, and a few
         * that end just before it: the lower bound is taken in whole seconds, a second early.
         */
        List<BookedSession> mayTouch(Instant from, Instant until) {
            return sessions.subList(firstStartingFrom(from.getEpochSecond() - longestSeconds - 1), firstStartingFrom(until));
        }

        private int firstStartingFrom(long second) {
            int low = 0;
            int high = startSeconds.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (startSeconds[middle] < second) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** Searched in whole seconds, then settled to the nanosecond among the sessions of that second. */
        private int firstStartingFrom(Instant instant) {
            long second = instant.getEpochSecond();
            int low = firstStartingFrom(second);
            while (low < startSeconds.length && startSeconds[low] == second && sessions.get(low).start().isBefore(instant)) {
                low++;
            }
            return low;
        }
    }
}
