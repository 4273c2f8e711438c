package app.sabai.booking.request;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The dates of a course: from its first date on, every date whose weekday is one of the course's, until there are enough. */
public final class CourseDates {

    private CourseDates() {
    }

    public static List<LocalDate> of(LocalDate firstDate, Set<DayOfWeek> weekdays, int sessions) {
        if (weekdays.isEmpty() || sessions <= 0) {
            return List.of();
        }
        List<LocalDate> dates = new ArrayList<>(sessions);
        for (LocalDate date = firstDate; dates.size() < sessions; date = date.plusDays(1)) {
            if (weekdays.contains(date.getDayOfWeek())) {
                dates.add(date);
            }
        }
        return List.copyOf(dates);
    }
}
