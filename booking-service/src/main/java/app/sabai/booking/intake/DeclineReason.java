package app.sabai.booking.intake;

/** Why the screening declined a session. Each one comes with a detail the customer can act on. */
public enum DeclineReason {
    MEDICAL_EVALUATION_NEEDED,
    ACUTE_INJURY_AT_AREA,
    SURGERY_WITHOUT_CLEARANCE,
    NOT_SUITABLE_IN_PREGNANCY,
    NOTHING_LEFT_TO_TREAT
}
