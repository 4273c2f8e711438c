package app.sabai.therapist.roster;

import app.sabai.therapist.assignment.ReplanOutcome;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A therapist's roster as staff read it: the weekly pattern, the one-off changes to come, the shifts that
 * follow for the dates shown, and, after a change that re-planned bookings, what became of each.
 */
public record RosterView(
        String therapistId,
        String therapistName,
        List<WeeklyShift> weekly,
        List<DayChange> changes,
        List<DayShift> shifts,
        List<ReplanOutcome> replanned) {

    /** {@code source} is WEEKLY or CHANGE; a date without a shift is a day off and is not listed. */
    public record DayShift(LocalDate date, String branchId, LocalTime start, LocalTime end, String source) {
    }

    public static RosterView of(Roster roster, String therapistName, LocalDate from, LocalDate to, List<ReplanOutcome> replanned) {
        List<DayShift> shifts = from.datesUntil(to.plusDays(1))
                .flatMap(date -> roster.shiftOn(date).stream()
                        .map(shift -> new DayShift(date, shift.branchId(), shift.start(), shift.end(),
                                roster.changeOn(date).isPresent() ? "CHANGE" : "WEEKLY")))
                .toList();
        return new RosterView(roster.therapistId(), therapistName, roster.weekly(),
                roster.changes().stream().filter(change -> !change.date().isBefore(from)).toList(), shifts, replanned);
    }
}
