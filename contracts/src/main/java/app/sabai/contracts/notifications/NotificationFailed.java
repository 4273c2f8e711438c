package app.sabai.contracts.notifications;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

@EventType("sabai.notifications.NotificationFailed.v1")
public record NotificationFailed(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String notificationId,
        MessageKind kind,
        String reminderId,
        Channel channel,
        String reason) implements NotificationEvent {
}
