package app.sabai.booking.intake;

import app.sabai.contracts.values.CareRequirements;

/** The answer of the intake screening: a session it accepts, with what the session demands, or a decline. */
public sealed interface ScreeningDecision {

    record Accepted(CareRequirements requirements) implements ScreeningDecision {
    }

    record Declined(DeclineReason reason, String detail) implements ScreeningDecision {
    }
}
