package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

/** Staff withdrew a recorded absence: the therapist takes bookings in that period again; moved bookings stay moved. */
@EventType("sabai.assignments.TherapistAbsenceWithdrawn.v1")
public record TherapistAbsenceWithdrawn(
        UUID eventId,
        Instant occurredAt,
        String absenceId,
        String therapistId,
        String branchId,
        Instant from,
        Instant to) implements AssignmentEvent {

    @Override
    public String subject() {
        return therapistId;
    }
}
