package app.sabai.booking.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code Idempotency-Key}s of commands are kept, and for how long, without TTL indexes and without scanning:
 * one collection per UTC day ({@code idempotency_yyyyMMdd}). A key first used on day D is written to the
 * collections of D and D+1, so a lookup on any day reads one collection by {@code _id} and finds every key of the
 * last 24 hours, and two first uses of one key on either side of midnight meet in the collection they share. A key
 * is honoured for {@link #KEPT} after its first use; collections older than yesterday are dropped whole.
 * A claim still in progress after {@link #LEASE} was abandoned (its process died): a retry of the same request
 * may take it over.
 */
public final class IdempotencyDays {

    public static final String PREFIX = "idempotency_";
    public static final Duration KEPT = Duration.ofHours(24);
    public static final Duration LEASE = Duration.ofSeconds(30);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private IdempotencyDays() {
    }

    /** The collection a lookup at {@code now} reads. */
    public static String lookup(Instant now) {
        return collectionOf(day(now));
    }

    /** The collections a key first used at {@code now} is written to, in order. */
    public static List<String> claim(Instant now) {
        LocalDate today = day(now);
        return List.of(collectionOf(today), collectionOf(today.plusDays(1)));
    }

    public static boolean expired(Instant firstUsedAt, Instant now) {
        return !firstUsedAt.plus(KEPT).isAfter(now);
    }

    public static boolean abandoned(Instant claimedAt, Instant now) {
        return !claimedAt.plus(LEASE).isAfter(now);
    }

    /** Whether a collection of that name holds keys nobody can look up any more (its day is before yesterday). */
    public static boolean droppable(String collection, Instant now) {
        return dayOf(collection).map(day -> day.isBefore(day(now).minusDays(1))).orElse(false);
    }

    static Optional<LocalDate> dayOf(String collection) {
        if (!collection.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(collection.substring(PREFIX.length()), DAY));
        } catch (DateTimeParseException notADay) {
            return Optional.empty();
        }
    }

    private static String collectionOf(LocalDate day) {
        return PREFIX + day.format(DAY);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
