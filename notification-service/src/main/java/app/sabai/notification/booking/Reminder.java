package app.sabai.notification.booking;

import app.sabai.contracts.notifications.Channel;

import java.time.Instant;

/**
 * A reminder planned before the session on one channel; its message (same id) is what the dispatcher sends.
 * A customer written to by email and SMS has one reminder per lead time on each. {@code plannedFor} is the
 * time its lead time gives; {@code dueAt} is when it goes out, later for an SMS that quiet hours hold back.
 */
public record Reminder(String id, String leadTime, Channel channel, Instant plannedFor, Instant dueAt, ReminderStatus status) {

    Reminder withStatus(ReminderStatus newStatus) {
        return new Reminder(id, leadTime, channel, plannedFor, dueAt, newStatus);
    }

    Reminder dueAt(Instant newDueAt) {
        return new Reminder(id, leadTime, channel, plannedFor, newDueAt, status);
    }
}
