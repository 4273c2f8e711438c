package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.AssignmentExplanation;

import java.time.Instant;
import java.util.UUID;

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
        AssignmentExplanation explanation) implements AssignmentEvent {

    @Override
    public String subject() {
        return bookingId;
    }
}
