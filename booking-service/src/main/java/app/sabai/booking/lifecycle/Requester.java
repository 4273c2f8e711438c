package app.sabai.booking.lifecycle;

/**
 * Who asked for a change of plan: the customer (their own booking), staff of the booking's branch, or this service
 * itself (a waitlist offer declined, expired or withdrawn is cancelled by the system, free).
 */
public enum Requester {
    CUSTOMER,
    STAFF,
    SYSTEM
}
