package app.sabai.notification.channel;

/** A rendered message on its way to one recipient. */
public record OutgoingMessage(String recipient, String subject, String body) {
}
