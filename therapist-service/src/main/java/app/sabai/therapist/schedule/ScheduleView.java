package app.sabai.therapist.schedule;

import app.sabai.therapist.branch.EquipmentKind;
import app.sabai.therapist.branch.RoomKind;
import app.sabai.therapist.staff.Level;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A branch's day as staff see it: every therapist on shift there (or holding a session there) with their
 * sessions, and every room and equipment unit with theirs. A session's {@code start}/{@code end} are the
 * treatment; {@code blockedFrom}/{@code blockedUntil} add travel before and changeover or travel after.
 */
public record ScheduleView(
        String branchId,
        LocalDate date,
        ZoneId zone,
        List<TherapistDay> therapists,
        List<RoomDay> rooms,
        List<EquipmentDay> equipment) {

    public record TherapistDay(String id, String name, Level level, ShiftHours shift, List<Session> sessions) {
    }

    public record ShiftHours(String branchId, LocalTime start, LocalTime end, Instant startsAt, Instant endsAt) {
    }

    public record RoomDay(String id, String name, RoomKind kind, List<Session> sessions) {
    }

    public record EquipmentDay(String id, String name, EquipmentKind kind, List<Session> sessions) {
    }

    public record Session(String bookingId, String branchId, Instant start, Instant end, Instant blockedFrom,
                          Instant blockedUntil, String roomId) {
    }
}
