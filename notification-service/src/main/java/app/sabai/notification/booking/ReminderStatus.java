package app.sabai.notification.booking;

/** A reminder's status follows its message's: SCHEDULED while the message is PENDING, then the same. */
public enum ReminderStatus {
    SCHEDULED,
    SENDING,
    SENT,
    CANCELLED,
    FAILED,
    MISSED,
    SKIPPED;

    static ReminderStatus of(MessageStatus status) {
        return switch (status) {
            case PENDING -> SCHEDULED;
            case SENDING -> SENDING;
            case SENT -> SENT;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            case MISSED -> MISSED;
            case SKIPPED -> SKIPPED;
        };
    }
}
