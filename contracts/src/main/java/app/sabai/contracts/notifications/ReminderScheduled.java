package app.sabai.contracts.notifications;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

/** A reminder will be sent at {@code dueAt}; {@code leadTime} is ISO-8601, e.g. {@code P1D} or {@code PT2H}. */
@EventType("sabai.notifications.ReminderScheduled.v1")
public record ReminderScheduled(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String reminderId,
        String leadTime,
        Channel channel,
        Instant dueAt) implements NotificationEvent {
}
