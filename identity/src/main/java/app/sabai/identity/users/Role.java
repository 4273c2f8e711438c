package app.sabai.identity.users;

/** What a token's {@code roles} claim can hold. */
public enum Role {
    /** Books and manages their own bookings. */
    CUSTOMER,
    /** Runs the day at the branches named in the token's {@code branches}. */
    STAFF,
    /** Reads everything in the chain, changes nothing. */
    OPS,
    /** Administers the platform. */
    ADMIN
}
