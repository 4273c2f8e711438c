package app.sabai.therapist.schedule;

import app.sabai.contracts.values.Technique;
import app.sabai.therapist.branch.EquipmentKind;
import app.sabai.therapist.branch.RoomKind;
import app.sabai.therapist.staff.Level;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A branch's day as staff see it: a row per therapist working there (on shift, holding a session there,
 * or absent from it), per room and per equipment unit, each with its sessions, absences, free gaps and
 * the share of its working or opening time that is booked. A session's {@code start}/{@code end} are the
 * treatment; {@code blockedFrom}/{@code blockedUntil} add travel before and changeover or travel after.
 * Local times are in the branch's {@code zone}.
 */
public record BoardView(
        String branchId,
        String branchName,
        LocalDate date,
        ZoneId zone,
        Hours openingHours,
        List<TherapistRow> therapists,
        List<RoomRow> rooms,
        List<EquipmentRow> equipment,
        Totals totals) {

    public record Hours(LocalTime opens, LocalTime closes) {
    }

    public record TherapistRow(String id, String name, Level level, ShiftHours shift, List<Session> sessions,
                               List<Absence> absences, List<Gap> free, double utilisation) {
    }

    public record ShiftHours(String branchId, LocalTime start, LocalTime end, Instant startsAt, Instant endsAt) {
    }

    public record RoomRow(String id, String name, RoomKind kind, List<Session> sessions, List<Gap> free, double utilisation) {
    }

    public record EquipmentRow(String id, String name, EquipmentKind kind, List<Session> sessions, List<Gap> free,
                               double utilisation) {
    }

    public record Session(String bookingId, String customerFirstName, Technique technique, String branchId, Instant start,
                          Instant end, LocalTime startLocal, LocalTime endLocal, Instant blockedFrom, Instant blockedUntil,
                          String therapistId, String roomId) {
    }

    public record Absence(String absenceId, String reason, Instant from, Instant to) {
    }

    public record Gap(Instant start, Instant end, LocalTime startLocal, LocalTime endLocal, long minutes) {
    }

    /** Sessions on the board and the booked share of all therapists' shift time. */
    public record Totals(int sessions, double therapistUtilisation) {
    }
}
