package app.sabai.therapist.roster;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/** The bodies of the roster endpoints. */
public final class RosterRequests {

    private RosterRequests() {
    }

    /** {@code PUT …/roster/weekly}: the whole weekly pattern (days not listed are days off). */
    public record Weekly(List<Entry> shifts, StrandedBookings stranded) {
    }

    /** One weekday's shift; {@code branchId} defaults to the branch in the path. */
    public record Entry(DayOfWeek day, String branchId, LocalTime start, LocalTime end) {
    }

    /** {@code PUT …/roster/days/{date}}: other hours (or another branch) that date, or {@code off}. */
    public record Day(String branchId, LocalTime start, LocalTime end, Boolean off, String note, StrandedBookings stranded) {
    }
}
