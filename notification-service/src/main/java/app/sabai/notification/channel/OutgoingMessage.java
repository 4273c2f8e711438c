package app.sabai.notification.channel;

/**
 * A rendered message on its way to one recipient. {@code messageId} is the message's id in this service: the
 * same on every attempt, so a channel can hand it on for the receiver to recognise a repeated delivery.
 */
public record OutgoingMessage(String messageId, String recipient, String subject, String body) {
}
