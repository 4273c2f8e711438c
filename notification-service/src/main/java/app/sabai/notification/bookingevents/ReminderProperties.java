package app.sabai.notification.bookingevents;

import app.sabai.notification.booking.ReminderPlanner;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** {@code sabai.reminders.lead-times}: how long before a session its reminders go out (ISO-8601, default {@code P1D,PT2H}). */
@ConfigurationProperties("sabai.reminders")
public record ReminderProperties(List<String> leadTimes) {

    public ReminderProperties {
        leadTimes = leadTimes == null || leadTimes.isEmpty() ? ReminderPlanner.DEFAULT_LEAD_TIMES : List.copyOf(leadTimes);
    }
}
