package app.sabai.therapist.roster;

/** What to do with booked sessions a change of the roster (or of the therapist) would leave without their therapist. */
public enum StrandedBookings {
    /** Refuse the change and name the sessions. */
    REFUSE,
    /** Make the change and re-plan those bookings at once, as for an absence. */
    REPLAN
}
