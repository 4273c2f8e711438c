package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Alternative;

import java.time.Instant;
import java.util.List;

/**
 * Why a booking needs staff: its therapist is absent and nobody could take the session over.
 * {@code lostTherapist} is who the customer was booked with; {@code absenceId} the absence that took them
 * away. {@code raisedBy} is the id of the {@code ReassignmentFailed} that raised it: the booking's entry on
 * the attention list carries the same id, so closing the case removes that entry and never a newer one.
 */
public record Attention(String reason, List<Alternative> alternatives, Instant since, AssignedTherapist lostTherapist,
                        String absenceId, String raisedBy) {

    public Attention {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
