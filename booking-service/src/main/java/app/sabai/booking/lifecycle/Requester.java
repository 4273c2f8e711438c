package app.sabai.booking.lifecycle;

/** Who asked for a change of plan: the customer (their own booking), or staff of the booking's branch. */
public enum Requester {
    CUSTOMER,
    STAFF
}
