package app.sabai.therapist.roster;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** Every {@code day} of the week the therapist works {@code start}–{@code end} (local time) at {@code branchId}. */
public record WeeklyShift(DayOfWeek day, String branchId, LocalTime start, LocalTime end) {
}
