package app.sabai.therapist.assignment;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.util.List;

/**
 * What re-planning a booking that lost its therapist did with it: moved to {@code therapistId}, or left needing staff
 * with the nearest {@code alternatives}; {@code why} says which rule or ranking decided it.
 */
public record ReplanOutcome(
        String bookingId,
        String branchId,
        Technique technique,
        String customerFirstName,
        Instant start,
        Instant end,
        Result result,
        String therapistId,
        String therapistName,
        String why,
        List<Alternative> alternatives) {

    public enum Result {
        MOVED,
        NEEDS_ATTENTION
    }

    public ReplanOutcome {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
