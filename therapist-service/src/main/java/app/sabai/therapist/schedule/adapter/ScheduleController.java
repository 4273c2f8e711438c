package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.schedule.ScheduleView;

import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.DayKeys;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RestController
class ScheduleController {

    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final SnapshotLoader snapshots;
    private final Clock clock;

    ScheduleController(BranchCatalogue catalogue, TherapistDirectory directory, SnapshotLoader snapshots, Clock clock) {
        this.catalogue = catalogue;
        this.directory = directory;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** The staff view of a date (local to the branch; today when not given). */
    @GetMapping("/api/branches/{branchId}/schedule")
    ScheduleView schedule(@PathVariable String branchId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        Branch branch = catalogue.find(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(branch.zone()));
        List<Therapist> therapists = directory.atBranch(branch.id());
        PlanningSnapshot snapshot = snapshots.load(branch, therapists, List.of(day));

        Map<String, String> roomOfBooking = new HashMap<>();
        List<ScheduleView.RoomDay> rooms = branch.rooms().stream().map(room -> {
            List<BookedSession> sessions = snapshot.roomDays().sessions(DayKeys.roomDay(branch.id(), room.id(), day));
            sessions.forEach(session -> roomOfBooking.put(session.bookingId(), room.id()));
            return new ScheduleView.RoomDay(room.id(), room.name(), room.kind(), views(sessions, Map.of()));
        }).toList();
        List<ScheduleView.EquipmentDay> equipment = branch.equipment().stream().map(unit -> new ScheduleView.EquipmentDay(
                unit.id(), unit.name(), unit.kind(),
                views(snapshot.equipmentDays().sessions(DayKeys.equipmentDay(branch.id(), unit.id(), day)), Map.of()))).toList();

        List<ScheduleView.TherapistDay> staff = therapists.stream()
                .map(therapist -> therapistDay(therapist, snapshot, day, roomOfBooking))
                .flatMap(Optional::stream)
                .toList();
        return new ScheduleView(branch.id(), day, branch.zone(), staff, rooms, equipment);
    }

    /** Present when the therapist works at this branch that day or holds a session here. */
    private static Optional<ScheduleView.TherapistDay> therapistDay(Therapist therapist, PlanningSnapshot snapshot, LocalDate day,
                                                                    Map<String, String> roomOfBooking) {
        Branch branch = snapshot.branch();
        Optional<Shift> shift = snapshot.shiftOf(therapist.id(), day).filter(s -> s.branchId().equals(branch.id()));
        List<BookedSession> sessions = snapshot.therapistDays().sessions(DayKeys.therapistDay(therapist.id(), day));
        boolean holdsSessionHere = sessions.stream().anyMatch(session -> branch.id().equals(session.branchId()));
        if (shift.isEmpty() && !holdsSessionHere) {
            return Optional.empty();
        }
        ScheduleView.ShiftHours hours = shift.map(s -> new ScheduleView.ShiftHours(s.branchId(), s.start(), s.end(),
                s.in(branch.zone()).start(), s.in(branch.zone()).end())).orElse(null);
        return Optional.of(new ScheduleView.TherapistDay(therapist.id(), therapist.name(), therapist.level(), hours,
                views(sessions, roomOfBooking)));
    }

    private static List<ScheduleView.Session> views(List<BookedSession> sessions, Map<String, String> roomOfBooking) {
        return sessions.stream()
                .sorted(Comparator.comparing(BookedSession::start))
                .map(session -> new ScheduleView.Session(session.bookingId(), session.branchId(), session.sessionStart(),
                        session.sessionEnd(), session.start(), session.end(), roomOfBooking.get(session.bookingId())))
                .toList();
    }
}
