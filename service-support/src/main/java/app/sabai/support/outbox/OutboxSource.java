package app.sabai.support.outbox;

/** Declares a collection whose documents carry an {@code outbox} array for the relay to drain. */
public record OutboxSource(String collection) {
}
