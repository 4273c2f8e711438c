package app.sabai.booking.waitlist;

import app.sabai.contracts.values.Technique;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Time free at a branch, as therapist-service announced it ({@code source} is the id of its event, or of one period a
 * roster change opened): a released slot ({@code exact}: a session may start only at its {@code start}; {@code technique}
 * is what it was booked for), or a withdrawn absence or working time a roster change added (a session may start at any
 * quarter hour of the period that leaves room for it; any technique).
 */
public record FreeTime(String branchId, Instant start, Instant end, Technique technique, boolean exact, String source) {

    static final Duration GRID = Duration.ofMinutes(15);

    /**
     * Where a session the customer wishes for could start in this time: not before {@code notBefore}, not after
     * {@code latestStart}, at a time the branch is open for the whole session; the earliest such start, or empty.
     */
    public Optional<Instant> startFor(Wish wish, Instant notBefore, Instant latestStart, BiPredicate<Instant, Instant> open) {
        if (technique != null && technique != wish.technique()) {
            return Optional.empty();
        }
        if (exact) {
            return possible(start, wish, notBefore, latestStart, open) ? Optional.of(start) : Optional.empty();
        }
        Instant first = latest(start, latest(notBefore, wish.from()));
        for (Instant candidate = onGrid(first); !candidate.plus(wish.duration()).isAfter(end) && !candidate.isAfter(latestStart)
                && !candidate.plus(wish.duration()).isAfter(wish.to()); candidate = candidate.plus(GRID)) {
            if (possible(candidate, wish, notBefore, latestStart, open)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private boolean possible(Instant at, Wish wish, Instant notBefore, Instant latestStart, BiPredicate<Instant, Instant> open) {
        Instant sessionEnd = at.plus(wish.duration());
        return !at.isBefore(notBefore) && !at.isAfter(latestStart) && !at.isBefore(start) && !sessionEnd.isAfter(end)
                && wish.fits(at) && open.test(at, sessionEnd);
    }

    /** The first quarter hour at or after {@code instant} (every zone's offset is a whole number of quarter hours). */
    static Instant onGrid(Instant instant) {
        long grid = GRID.toSeconds();
        long seconds = instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
        long remainder = Math.floorMod(seconds, grid);
        return Instant.ofEpochSecond(remainder == 0 ? seconds : seconds + grid - remainder);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
