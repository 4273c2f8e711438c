package app.sabai.notification.booking;

import java.time.Instant;

/** A reminder the planner wants: this lead time, due then. */
public record PlannedReminder(LeadTime leadTime, Instant dueAt) {

    boolean sameAs(Reminder reminder) {
        return leadTime.iso().equals(reminder.leadTime()) && dueAt.equals(reminder.dueAt());
    }
}
