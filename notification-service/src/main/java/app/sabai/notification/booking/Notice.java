package app.sabai.notification.booking;

import app.sabai.contracts.notifications.MessageKind;

/**
 * What a message tells the customer: it picks the template; {@link #kind()} is the contract's coarser category.
 * An urgent notice changes what the customer should do before the session (come at another time, not come,
 * expect someone else): quiet hours do not hold it back when the session is before they end.
 */
public enum Notice {
    CONFIRMATION(MessageKind.CONFIRMATION, false),
    REMINDER(MessageKind.REMINDER, false),
    REJECTION(MessageKind.REJECTION, false),
    RESCHEDULED(MessageKind.CHANGE, true),
    CANCELLATION(MessageKind.CANCELLATION, true),
    NEEDS_ATTENTION(MessageKind.CHANGE, true),
    THERAPIST_CHANGED(MessageKind.CHANGE, true),
    OFFER(MessageKind.OFFER, false),
    COURSE_SUMMARY(MessageKind.COURSE_SUMMARY, false),
    NO_SHOW(MessageKind.CHANGE, false);

    private final MessageKind kind;
    private final boolean urgent;

    Notice(MessageKind kind, boolean urgent) {
        this.kind = kind;
        this.urgent = urgent;
    }

    public MessageKind kind() {
        return kind;
    }

    public boolean urgent() {
        return urgent;
    }
}
