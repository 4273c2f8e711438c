package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.AssignmentExplanation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The booking moved to another therapist at the same time; its room and equipment stay as they were
 * unless listed anew. {@code absenceId} is set when the move re-planned a therapist's absence, null when
 * staff asked for it; {@code reason} is the reason staff gave, or the absence's.
 */
@EventType("sabai.assignments.TherapistReassigned.v1")
public record TherapistReassigned(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String previousTherapistId,
        String therapistId,
        String therapistName,
        String roomId,
        Instant start,
        Instant end,
        String reason,
        AssignmentExplanation explanation,
        String previousTherapistName,
        List<String> equipmentIds,
        String absenceId) implements AssignmentEvent {

    public TherapistReassigned {
        equipmentIds = equipmentIds == null ? List.of() : List.copyOf(equipmentIds);
    }

    @Override
    public String subject() {
        return bookingId;
    }
}
