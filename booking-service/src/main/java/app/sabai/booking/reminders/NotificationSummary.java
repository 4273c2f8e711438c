package app.sabai.booking.reminders;

import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;

import java.time.Instant;

/** How many messages about the booking went out or failed, and the latest one. */
public record NotificationSummary(int sent, int failed, Last last) {

    public enum Outcome { SENT, FAILED }

    /** The latest message; {@code detail} is the recipient when sent, the reason when it failed. */
    public record Last(MessageKind kind, Channel channel, Outcome outcome, Instant at, String detail) {
    }

    public static NotificationSummary none() {
        return new NotificationSummary(0, 0, null);
    }
}
