package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.planning.BookedSession;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The day documents this instance read lately, in memory, so that availability, the board and a first plan need not
 * read them again. A copy is kept current by this instance's own writes ({@link Reservations} edits it after each
 * write, or forgets it when a write found it wrong), by the events of other instances ({@link #forgetUnless}), and is
 * trusted for {@link #TRUST} at most, for what changes without an event (a leftover released, a lost race taken back).
 * A copy may be stale: planning on it is only a guess, which the guarded reservation confirms or refuses, and a
 * refusal is never made on it.
 * <p>
 * At most {@link #CAPACITY} documents are kept, the least recently used dropped first. A read that raced a change of
 * the same document is not kept: each change moves the document's generation on (one of {@link #STRIPES} counters).
 */
@Component
public class DayViews {

    static final int CAPACITY = 10_000;
    static final Duration TRUST = Duration.ofSeconds(30);
    private static final int STRIPES = 1024;

    private final Map<String, Copy> copies = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Copy> eldest) {
            return size() > CAPACITY;
        }
    };
    private final long[] generations = new long[STRIPES];

    private record Copy(List<BookedSession> sessions, long readAt) {
    }

    /** The copies held and still trusted of these documents of the collection, by document id. */
    synchronized Map<String, List<BookedSession>> known(String collection, Collection<String> dayIds) {
        long now = System.nanoTime();
        Map<String, List<BookedSession>> known = new HashMap<>();
        for (String dayId : dayIds) {
            String key = key(collection, dayId);
            Copy copy = copies.get(key);
            if (copy == null) {
                continue;
            }
            if (now - copy.readAt() > TRUST.toNanos()) {
                copies.remove(key);
            } else {
                known.put(dayId, copy.sessions());
            }
        }
        return known;
    }

    /** Taken before a read of these documents, so that {@link #keep} can tell whether they changed meanwhile. */
    synchronized Map<String, Long> stamps(String collection, Collection<String> dayIds) {
        Map<String, Long> stamps = new HashMap<>();
        dayIds.forEach(dayId -> stamps.put(dayId, generations[stripe(key(collection, dayId))]));
        return stamps;
    }

    /** Keeps what was read (a document not found is kept as empty) unless it changed after its stamp. */
    synchronized void keep(String collection, Map<String, Long> stamps, Map<String, List<BookedSession>> read) {
        long now = System.nanoTime();
        stamps.forEach((dayId, stamp) -> {
            String key = key(collection, dayId);
            if (generations[stripe(key)] == stamp) {
                copies.put(key, new Copy(List.copyOf(read.getOrDefault(dayId, List.of())), now));
            }
        });
    }

    /** This instance changed these documents as {@code edit} says: a copy held is edited the same way. */
    synchronized void edited(String collection, Collection<String> dayIds, UnaryOperator<List<BookedSession>> edit) {
        for (String dayId : dayIds) {
            String key = key(collection, dayId);
            generations[stripe(key)]++;
            Copy copy = copies.get(key);
            if (copy != null) {
                copies.put(key, new Copy(List.copyOf(edit.apply(copy.sessions())), copy.readAt()));
            }
        }
    }

    /** These documents may have changed in a way not known here: they are read again. */
    synchronized void forget(String collection, Collection<String> dayIds) {
        for (String dayId : dayIds) {
            String key = key(collection, dayId);
            generations[stripe(key)]++;
            copies.remove(key);
        }
    }

    /** Forgets every copy held of these documents that does not show what an event says. */
    synchronized void forgetUnless(String collection, Collection<String> dayIds, Predicate<List<BookedSession>> shows) {
        for (String dayId : dayIds) {
            String key = key(collection, dayId);
            Copy copy = copies.get(key);
            if (copy != null && !shows.test(copy.sessions())) {
                generations[stripe(key)]++;
                copies.remove(key);
            }
        }
    }

    /** Forgets every document of the resource (a {@code <resource>@} prefix), whatever its date. */
    synchronized void forgetResource(String collection, String resourceId) {
        String prefix = key(collection, resourceId + "@");
        copies.keySet().removeIf(key -> {
            if (key.startsWith(prefix)) {
                generations[stripe(key)]++;
                return true;
            }
            return false;
        });
    }

    /** Changes may have been missed: every document is read again. */
    synchronized void forgetAll() {
        for (int i = 0; i < STRIPES; i++) {
            generations[i]++;
        }
        copies.clear();
    }

    /** As stored: the store keeps milliseconds. */
    static BookedSession asStored(BookedSession session) {
        return new BookedSession(session.bookingId(), session.attempt(), session.branchId(), session.start().truncatedTo(ChronoUnit.MILLIS),
                session.end().truncatedTo(ChronoUnit.MILLIS), session.sessionStart().truncatedTo(ChronoUnit.MILLIS),
                session.sessionEnd().truncatedTo(ChronoUnit.MILLIS), session.absenceId(), session.absenceReason());
    }

    static UnaryOperator<List<BookedSession>> adding(BookedSession session) {
        BookedSession stored = asStored(session);
        return sessions -> {
            List<BookedSession> more = new ArrayList<>(sessions);
            more.add(stored);
            return more;
        };
    }

    static UnaryOperator<List<BookedSession>> removing(Predicate<BookedSession> match) {
        return sessions -> sessions.stream().filter(match.negate()).toList();
    }

    private static String key(String collection, String dayId) {
        return collection + "/" + dayId;
    }

    private static int stripe(String key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }
}
