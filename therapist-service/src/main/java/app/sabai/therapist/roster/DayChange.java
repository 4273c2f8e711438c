package app.sabai.therapist.roster;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A one-off change of one date that replaces the weekly pattern there: another branch or other hours, or
 * no work at all ({@code branchId} null).
 */
public record DayChange(LocalDate date, String branchId, LocalTime start, LocalTime end, String note) {

    public static DayChange off(LocalDate date, String note) {
        return new DayChange(date, null, null, null, note);
    }

    public boolean off() {
        return branchId == null;
    }
}
