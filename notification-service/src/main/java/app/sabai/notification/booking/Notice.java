package app.sabai.notification.booking;

import app.sabai.contracts.notifications.MessageKind;

/** What a message tells the customer: it picks the template; {@link #kind()} is the contract's coarser category. */
public enum Notice {
    CONFIRMATION(MessageKind.CONFIRMATION),
    REMINDER(MessageKind.REMINDER),
    REJECTION(MessageKind.REJECTION),
    RESCHEDULED(MessageKind.CHANGE),
    CANCELLATION(MessageKind.CANCELLATION),
    NEEDS_ATTENTION(MessageKind.CHANGE),
    THERAPIST_CHANGED(MessageKind.CHANGE);

    private final MessageKind kind;

    Notice(MessageKind kind) {
        this.kind = kind;
    }

    public MessageKind kind() {
        return kind;
    }
}
