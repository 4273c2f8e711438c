package app.sabai.contracts.assignments;

import app.sabai.contracts.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A therapist is absent for a period and takes no bookings in it. Every booking they held inside it was
 * re-planned at once: {@code movedBookingIds} went to other therapists ({@code TherapistReassigned} each),
 * {@code unmovedBookingIds} could not move ({@code ReassignmentFailed} each) and need staff.
 * {@code affectedBookingIds} is both. {@code reason} is SICK, LEAVE, TRAINING or OTHER.
 */
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
        List<String> affectedBookingIds,
        List<String> movedBookingIds,
        List<String> unmovedBookingIds) implements AssignmentEvent {

    public TherapistAbsenceRecorded {
        affectedBookingIds = affectedBookingIds == null ? List.of() : List.copyOf(affectedBookingIds);
        movedBookingIds = movedBookingIds == null ? List.of() : List.copyOf(movedBookingIds);
        unmovedBookingIds = unmovedBookingIds == null ? List.of() : List.copyOf(unmovedBookingIds);
    }

    @Override
    public String subject() {
        return therapistId;
    }
}
