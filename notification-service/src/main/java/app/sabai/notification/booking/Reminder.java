package app.sabai.notification.booking;

import java.time.Instant;

/** A reminder planned before the session; its message (same id) is what the dispatcher sends. */
public record Reminder(String id, String leadTime, Instant dueAt, ReminderStatus status) {

    Reminder withStatus(ReminderStatus newStatus) {
        return new Reminder(id, leadTime, dueAt, newStatus);
    }
}
