package app.sabai.notification.template;

/** A message in the customer's language, ready for a channel. */
public record RenderedMessage(String subject, String body) {
}
