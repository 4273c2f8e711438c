package app.sabai.notification.booking;

/**
 * PENDING waits for its due time (or its next attempt), SENDING is claimed by one dispatcher, SENT and
 * FAILED are final. CANCELLED: the booking was cancelled or moved before the message went out.
 */
public enum MessageStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    CANCELLED
}
