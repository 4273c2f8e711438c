package app.sabai.contracts.notifications;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

/** A message left the platform; {@code reminderId} is set when it was a reminder. */
@EventType("sabai.notifications.NotificationSent.v1")
public record NotificationSent(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String notificationId,
        MessageKind kind,
        String reminderId,
        Channel channel,
        String recipient) implements NotificationEvent {
}
