package app.sabai.notification.booking;

import java.time.Instant;

/** A reminder the planner wants: this lead time, due then (before any channel's own timing, such as quiet hours). */
public record PlannedReminder(LeadTime leadTime, Instant dueAt) {
}
