package app.sabai.booking.lifecycle;

import app.sabai.contracts.values.Alternative;

import java.time.Instant;
import java.util.List;

/**
 * Why a booking needs staff ({@code cause}): its therapist is absent and nobody could take the session over,
 * or no decision about the request came in time. {@code lostTherapist} is who the customer was booked with;
 * {@code absenceId} the absence that took them away. {@code raisedBy} is the id of what raised it (the
 * {@code ReassignmentFailed}, or the overdue decision): the booking's entry on the attention list carries the
 * same id, so closing the case removes that entry and never a newer one. Stored before causes existed, it
 * reads as a lost therapist.
 */
public record Attention(String reason, List<Alternative> alternatives, Instant since, AssignedTherapist lostTherapist,
                        String absenceId, String raisedBy, AttentionCause cause) {

    public Attention {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        cause = cause == null ? AttentionCause.THERAPIST_LOST : cause;
    }
}
