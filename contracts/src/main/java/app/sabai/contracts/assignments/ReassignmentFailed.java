package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The booking's therapist can no longer give the session (an absence) and nobody qualified is free to take
 * it over: the therapist's session is released, the room and equipment stay held, and staff must act.
 * {@code reason} is written for staff and customer; {@code alternatives} are the nearest free times.
 */
@EventType("sabai.assignments.ReassignmentFailed.v1")
public record ReassignmentFailed(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId,
        String reason,
        List<Alternative> alternatives,
        AssignmentExplanation explanation,
        String absenceId) implements AssignmentEvent {

    public ReassignmentFailed {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    @Override
    public String subject() {
        return bookingId;
    }
}
