package app.sabai.notification.booking;

/**
 * What the dispatcher does with a message that is due: {@link Send} it under the claim the change records,
 * or {@link Withhold} it (later, or never) for the reason the change records. Either way the change is
 * written first; only a written {@code Send} is handed to a channel.
 */
public sealed interface Dispatch {

    Change change();

    record Send(Change change) implements Dispatch {
    }

    record Withhold(Change change) implements Dispatch {
    }
}
