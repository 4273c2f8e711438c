package app.sabai.therapist.assignment;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** {@code GET /api/assignments/{bookingId}}: the decision on a booking, why, and how it changed since. */
public record AssignmentView(
        String bookingId,
        String branchId,
        AssignmentStatus status,
        Technique technique,
        Instant start,
        Instant end,
        ZoneId zone,
        TherapistRef therapist,
        String roomId,
        List<String> equipmentIds,
        Instant blockedUntil,
        AssignmentExplanation explanation,
        RejectionView rejection,
        UnassignedView unassigned,
        List<AssignmentRecord.Change> changes,
        int attempts,
        Instant requestedAt,
        Instant decidedAt) {

    public record TherapistRef(String id, String name) {
    }

    public record RejectionView(RejectionReason reason, String detail, List<Alternative> alternatives) {
    }

    public record UnassignedView(String lostTherapistId, String lostTherapistName, String reason, String absenceId,
                                 List<Alternative> alternatives, Instant since) {
    }

    public static AssignmentView of(AssignmentRecord record) {
        AssignmentRecord.Reservation reservation = record.reservation();
        AssignmentRecord.Rejection rejection = record.rejection();
        AssignmentRecord.Unassigned unassigned = record.status() == AssignmentStatus.UNASSIGNED ? record.unassigned() : null;
        return new AssignmentView(
                record.id(), record.branchId(), record.status(), record.technique(), record.start(), record.end(), record.zone(),
                reservation == null || reservation.therapistId() == null ? null
                        : new TherapistRef(reservation.therapistId(), reservation.therapistName()),
                reservation == null ? null : reservation.roomId(),
                reservation == null ? List.of() : reservation.equipmentIds(),
                reservation == null ? null : reservation.blockedEnd(),
                record.explanation(),
                rejection == null ? null : new RejectionView(rejection.reason(), rejection.detail(), rejection.alternatives()),
                unassigned == null ? null : new UnassignedView(unassigned.lostTherapistId(), unassigned.lostTherapistName(),
                        unassigned.reason(), unassigned.absenceId(), unassigned.alternatives(), unassigned.since()),
                record.changes(), record.attempt(), record.requestedAt(), record.decidedAt());
    }
}
