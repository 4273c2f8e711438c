package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.AssignmentExplanation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Therapist, room and equipment are reserved for the booking; the explanation says why this therapist. */
@EventType("sabai.assignments.TherapistAssigned.v1")
public record TherapistAssigned(
        UUID eventId,
        Instant occurredAt,
        String bookingId,
        String branchId,
        String therapistId,
        String therapistName,
        String roomId,
        List<String> equipmentIds,
        Instant start,
        Instant end,
        AssignmentExplanation explanation) implements AssignmentEvent {

    @Override
    public String subject() {
        return bookingId;
    }
}
