package app.sabai.therapist.roster;

import app.sabai.therapist.time.Interval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The working time a roster change adds: on each date, what the therapist works after it and did not work before at
 * the same branch. A longer shift opens what it gained, a shift moved to another branch or a day off taken back opens
 * all of it; a shorter or removed shift opens nothing.
 */
public final class OpenedTime {

    private OpenedTime() {
    }

    /** Working time added at {@code branchId}. */
    public record Opened(String branchId, Interval interval) {
    }

    /**
     * What {@code after} works on {@code dates} that {@code before} did not, each shift in its branch's zone (a branch
     * {@code zones} does not know is skipped), from {@code now} on; earliest first.
     */
    public static List<Opened> between(Roster before, Roster after, Collection<LocalDate> dates, Function<String, Optional<ZoneId>> zones,
                                       Instant now) {
        List<Opened> opened = new ArrayList<>();
        for (LocalDate date : dates) {
            Optional<Shift> shift = after.shiftOn(date);
            Optional<ZoneId> zone = shift.flatMap(worked -> zones.apply(worked.branchId()));
            if (zone.isEmpty()) {
                continue;
            }
            String branchId = shift.get().branchId();
            Interval working = shift.get().in(zone.get());
            List<Interval> added = before.shiftOn(date).filter(old -> old.branchId().equals(branchId))
                    .map(old -> minus(working, old.in(zone.get()))).orElse(List.of(working));
            added.forEach(part -> fromNow(part, now).ifPresent(ahead -> opened.add(new Opened(branchId, ahead))));
        }
        opened.sort(Comparator.comparing(part -> part.interval().start()));
        return opened;
    }

    /** What of {@code interval} lies outside {@code taken}: nothing, one part, or one on each side. */
    private static List<Interval> minus(Interval interval, Interval taken) {
        if (!interval.overlaps(taken)) {
            return List.of(interval);
        }
        List<Interval> parts = new ArrayList<>();
        if (interval.start().isBefore(taken.start())) {
            parts.add(new Interval(interval.start(), taken.start()));
        }
        if (taken.end().isBefore(interval.end())) {
            parts.add(new Interval(taken.end(), interval.end()));
        }
        return parts;
    }

    private static Optional<Interval> fromNow(Interval interval, Instant now) {
        if (!interval.end().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(interval.start().isBefore(now) ? new Interval(now, interval.end()) : interval);
    }
}
