package app.sabai.therapist.schedule.adapter;

import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.adapter.Assignments;
import app.sabai.therapist.assignment.adapter.ReservationEngine;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Occupancy;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.schedule.BoardView;
import app.sabai.therapist.schedule.Boards;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

@RestController
class ScheduleController {

    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final SnapshotLoader snapshots;
    private final Assignments assignments;
    private final Clock clock;

    ScheduleController(BranchCatalogue catalogue, TherapistDirectory directory, SnapshotLoader snapshots, Assignments assignments,
                       Clock clock) {
        this.catalogue = catalogue;
        this.directory = directory;
        this.snapshots = snapshots;
        this.assignments = assignments;
        this.clock = clock;
    }

    /**
     * The day board of a date (local to the branch; today when not given). {@code /schedule} is its
     * earlier name, kept so links made before still work.
     */
    @GetMapping({"/api/branches/{branchId}/board", "/api/branches/{branchId}/schedule"})
    BoardView board(@PathVariable String branchId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        Branch branch = catalogue.find(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(branch.zone()));
        List<Therapist> therapists = directory.atBranch(branch.id());
        PlanningSnapshot snapshot = snapshots.fromView(branch, therapists, List.of(day));

        Set<String> bookingIds = snapshot.occupancy().byResource().values().stream().flatMap(List::stream)
                .filter(session -> !session.isAbsence()).map(BookedSession::bookingId).collect(Collectors.toSet());
        Map<String, AssignmentRecord> records = assignments.findAll(bookingIds).stream()
                .collect(Collectors.toMap(AssignmentRecord::id, Function.identity()));
        Map<String, Boards.BookingFacts> facts = new HashMap<>();
        records.forEach((id, record) -> facts.put(id, new Boards.BookingFacts(record.customerName(), record.technique())));
        return Boards.build(snapshot.with(held(snapshot.occupancy(), records, clock.instant())), day, facts);
    }

    /** Only what bookings hold or are taking now: leftovers of an attempt that gave up are not on the board. */
    private static Occupancy held(Occupancy occupancy, Map<String, AssignmentRecord> records, Instant now) {
        Map<Resource, List<BookedSession>> held = new HashMap<>();
        occupancy.byResource().forEach((resource, sessions) -> held.put(resource, sessions.stream()
                .filter(session -> session.isAbsence() || switch (liveness(records.get(session.bookingId()), resource, session, now)) {
                    case HELD, IN_FLIGHT -> true;
                    case ABANDONED, STALE -> false;
                })
                .toList()));
        return new Occupancy(held);
    }

    private static AssignmentRecord.Liveness liveness(AssignmentRecord record, Resource resource, BookedSession session, Instant now) {
        return record == null ? AssignmentRecord.Liveness.STALE
                : record.liveness(resource, session.attempt(), now, ReservationEngine.MOVE_LEASE);
    }
}
