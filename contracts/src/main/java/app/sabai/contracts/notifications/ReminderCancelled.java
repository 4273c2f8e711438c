package app.sabai.contracts.notifications;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

@EventType("sabai.notifications.ReminderCancelled.v1")
public record ReminderCancelled(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String reminderId,
        String reason) implements NotificationEvent {
}
