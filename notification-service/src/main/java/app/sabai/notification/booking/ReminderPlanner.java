package app.sabai.notification.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** Plans the reminders of a session: one per lead time, except those whose due time has already passed. */
public record ReminderPlanner(List<LeadTime> leadTimes) {

    public static final List<String> DEFAULT_LEAD_TIMES = List.of("P1D", "PT2H");

    public ReminderPlanner {
        leadTimes = List.copyOf(leadTimes);
    }

    public static ReminderPlanner of(String... leadTimes) {
        return of(Arrays.asList(leadTimes));
    }

    public static ReminderPlanner of(List<String> leadTimes) {
        return new ReminderPlanner(leadTimes.stream().map(LeadTime::parse).distinct().toList());
    }

    /** The reminders of a session planned at {@code now}: those whose time is still to come. */
    public List<PlannedReminder> plan(Instant start, ZoneId zone, Instant now) {
        return planAll(start, zone).stream().filter(planned -> planned.dueAt().isAfter(now)).toList();
    }

    /** Every reminder the lead times give for the session, passed or not. */
    public List<PlannedReminder> planAll(Instant start, ZoneId zone) {
        return leadTimes.stream()
                // Due times are stored with millisecond precision; planning at that precision lets a later
                // plan recognise a stored reminder as the same one.
                .map(leadTime -> new PlannedReminder(leadTime, leadTime.before(start, zone).truncatedTo(ChronoUnit.MILLIS)))
                .toList();
    }
}
