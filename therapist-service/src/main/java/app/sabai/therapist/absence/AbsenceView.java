package app.sabai.therapist.absence;

import app.sabai.therapist.assignment.ReplanOutcome;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** An absence as staff read it, with what became of each booking the therapist held in it. */
public record AbsenceView(
        String absenceId,
        String therapistId,
        String therapistName,
        String branchId,
        ZoneId zone,
        Instant from,
        Instant to,
        LocalDateTime fromLocal,
        LocalDateTime toLocal,
        AbsenceReason reason,
        String note,
        AbsenceStatus status,
        Instant recordedAt,
        Instant withdrawnAt,
        String replanOrder,
        Summary summary,
        List<ReplanOutcome> bookings) {

    public record Summary(int affected, int moved, int needingAttention) {
    }

    public static AbsenceView of(Absence absence, String therapistName, ZoneId zone) {
        int moved = (int) absence.outcomes().stream().filter(outcome -> outcome.result() == ReplanOutcome.Result.MOVED).count();
        return new AbsenceView(absence.absenceId(), absence.therapistId(), therapistName, absence.branchId(), zone, absence.from(),
                absence.to(), LocalDateTime.ofInstant(absence.from(), zone), LocalDateTime.ofInstant(absence.to(), zone),
                absence.reason(), absence.note(), absence.status(), absence.recordedAt(), absence.withdrawnAt(), absence.order(),
                new Summary(absence.outcomes().size(), moved, absence.outcomes().size() - moved), absence.outcomes());
    }
}
