package app.sabai.booking.lifecycle;

/** Why a booking needs staff. */
public enum AttentionCause {
    /** Its therapist can no longer give the session and nobody could take it over. */
    THERAPIST_LOST,
    /** No decision about the request came in time: it is still waiting for a therapist. */
    NO_DECISION
}
