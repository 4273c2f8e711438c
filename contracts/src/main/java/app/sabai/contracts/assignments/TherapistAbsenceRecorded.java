package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@EventType("sabai.assignments.TherapistAbsenceRecorded.v1")
public record TherapistAbsenceRecorded(
        UUID eventId,
        Instant occurredAt,
        String absenceId,
        String therapistId,
        String branchId,
        Instant from,
        Instant to,
        String reason,
        List<String> affectedBookingIds) implements AssignmentEvent {

    @Override
    public String subject() {
        return therapistId;
    }
}
