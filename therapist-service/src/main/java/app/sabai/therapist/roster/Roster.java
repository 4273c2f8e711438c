package app.sabai.therapist.roster;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When and where a therapist works: a weekly pattern (at most one shift per weekday, each at a branch) and
 * one-off changes of single dates. The shifts the planner reads follow from it for any date, so there is
 * nothing to generate ahead and nothing to extend as time passes. {@code id} is the therapist's id.
 */
public record Roster(String id, List<WeeklyShift> weekly, List<DayChange> changes, long version) {

    public Roster {
        weekly = weekly == null ? List.of() : weekly.stream().sorted(Comparator.comparing(WeeklyShift::day)).toList();
        changes = changes == null ? List.of() : changes.stream().sorted(Comparator.comparing(DayChange::date)).toList();
    }

    public static Roster empty(String therapistId) {
        return new Roster(therapistId, List.of(), List.of(), 0);
    }

    public String therapistId() {
        return id;
    }

    /** The shift of a date: the one-off change of that date if there is one, else the weekly pattern's. */
    public Optional<Shift> shiftOn(LocalDate date) {
        Optional<DayChange> change = changeOn(date);
        if (change.isPresent()) {
            return change.get().off() ? Optional.empty()
                    : Optional.of(Shift.of(id, change.get().branchId(), date, change.get().start(), change.get().end()));
        }
        return weekly.stream().filter(shift -> shift.day() == date.getDayOfWeek()).findFirst()
                .map(shift -> Shift.of(id, shift.branchId(), date, shift.start(), shift.end()));
    }

    public Optional<DayChange> changeOn(LocalDate date) {
        return changes.stream().filter(change -> change.date().equals(date)).findFirst();
    }

    public Roster withWeekly(List<WeeklyShift> pattern) {
        return new Roster(id, pattern, changes, version);
    }

    /** With that change of its date, replacing any earlier change of it; changes before {@code keepFrom} are dropped. */
    public Roster withChange(DayChange change, LocalDate keepFrom) {
        return new Roster(id, weekly, Stream.concat(changes.stream().filter(c -> !c.date().equals(change.date())), Stream.of(change))
                .filter(c -> !c.date().isBefore(keepFrom)).toList(), version);
    }

    public Roster withoutChange(LocalDate date) {
        return new Roster(id, weekly, changes.stream().filter(c -> !c.date().equals(date)).toList(), version);
    }
}
