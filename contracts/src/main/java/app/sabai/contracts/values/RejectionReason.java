package app.sabai.contracts.values;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a booking could not be had as asked. A reason is an answer the customer can act on, not a failure. */
public enum RejectionReason {
    /** The intake screening declined the treatment (contraindication). */
    INTAKE_DECLINED,
    /** The branch does not offer the technique, or nobody there is qualified for it and the screening's demands. */
    NO_QUALIFIED_THERAPIST,
    /** Qualified therapists exist, but none works a shift covering the session or all are booked. */
    NO_THERAPIST_AVAILABLE,
    /** Every suitable room is taken at that time. */
    NO_ROOM_AVAILABLE,
    /** The equipment the technique needs (a stone heater, a hammer set) is taken at that time. */
    NO_EQUIPMENT_AVAILABLE,
    /** The session does not fit the branch's opening hours. */
    OUTSIDE_OPENING_HOURS,
    /** A reason a newer version introduced. */
    @JsonEnumDefaultValue
    OTHER
}
