package app.sabai.contracts.branches;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** Local opening and closing time on one day of the week, in the branch's zone. */
public record OpeningHours(DayOfWeek day, LocalTime opens, LocalTime closes) {
}
