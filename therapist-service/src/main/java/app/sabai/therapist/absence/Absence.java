package app.sabai.therapist.absence;

import app.sabai.therapist.assignment.ReplanOutcome;
import app.sabai.therapist.time.Interval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A period in which a therapist does not work, recorded by staff of one of their branches, and what became
 * of each booking they held in it. Its id follows from the therapist and the period, so recording the same
 * absence twice finds the first.
 */
public record Absence(
        String absenceId,
        String therapistId,
        String branchId,
        Instant from,
        Instant to,
        AbsenceReason reason,
        String note,
        AbsenceStatus status,
        List<String> affectedBookingIds,
        List<ReplanOutcome> outcomes,
        String order,
        Instant recordedAt,
        Instant withdrawnAt) {

    public Absence {
        affectedBookingIds = affectedBookingIds == null ? List.of() : List.copyOf(affectedBookingIds);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public static Absence recording(String therapistId, String branchId, Interval period, AbsenceReason reason, String note, Instant now) {
        return new Absence(idOf(therapistId, period), therapistId, branchId, period.start(), period.end(), reason, note,
                AbsenceStatus.RECORDING, List.of(), List.of(), null, now, null);
    }

    public Interval period() {
        return new Interval(from, to);
    }

    public static String idOf(String therapistId, Interval period) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (therapistId + "|" + period.start() + "|" + period.end()).getBytes(StandardCharsets.UTF_8));
            return "absence-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
