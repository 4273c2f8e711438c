package app.sabai.notification.booking;

/**
 * PENDING waits for its due time (or its next attempt), SENDING is claimed by one dispatcher, SENT and
 * FAILED are final. Never sent, with the reason in the message's {@code error}: CANCELLED (the booking was
 * cancelled or moved, or the offer was taken or withdrawn, before it went out), MISSED (its moment passed
 * before it could go: the session had started, the offer had expired, a later reminder was due as well) and
 * SKIPPED (an SMS that quiet hours hold back and that would be pointless after them).
 */
public enum MessageStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    CANCELLED,
    MISSED,
    SKIPPED;

    /** Nothing more will happen to the message. */
    public boolean isFinal() {
        return this != PENDING && this != SENDING;
    }
}
