package app.sabai.therapist.schedule.adapter;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.RescheduleRefused;
import app.sabai.contracts.assignments.SessionRescheduled;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistAbsenceRecorded;
import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.support.kafka.EventView;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.ResourceKind;
import app.sabai.therapist.roster.adapter.Rosters;
import app.sabai.therapist.time.Interval;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Follows {@code sabai.assignments} from now on (with the process's other views, {@link EventView}), so that every
 * instance hears what every instance (itself too) decided, and forgets what it holds in memory that does not show it
 * yet: a roster that differs from a {@code TherapistRosterChanged} ({@link Rosters#heard}), and a day document
 * ({@link DayViews}) that lacks a session an event says is held, or still has one an event says was let go. What this
 * instance wrote itself its copies show already, so its own events change nothing. When it follows again it forgets
 * everything, since a change made before was not heard.
 */
@Component
class AssignmentChangesListener implements EventView<AssignmentEvent> {

    private final Rosters rosters;
    private final DayViews views;
    private final BranchCatalogue catalogue;

    AssignmentChangesListener(Rosters rosters, DayViews views, BranchCatalogue catalogue) {
        this.rosters = rosters;
        this.views = views;
        this.catalogue = catalogue;
    }

    @Override
    public Class<AssignmentEvent> events() {
        return AssignmentEvent.class;
    }

    @Override
    public void heard(AssignmentEvent event) {
        switch (event) {
            case TherapistRosterChanged changed -> rosters.heard(changed);
            case TherapistAssigned assigned -> held(assigned.bookingId(), assigned.branchId(),
                    used(assigned.branchId(), assigned.therapistId(), assigned.roomId(), assigned.equipmentIds()), assigned.start(), assigned.end());
            case TherapistReassigned moved -> {
                if (moved.previousTherapistId() != null && !moved.previousTherapistId().equals(moved.therapistId())) {
                    letGo(moved.bookingId(), List.of(Resource.therapist(moved.previousTherapistId())), moved.start(), moved.end());
                }
                held(moved.bookingId(), moved.branchId(), used(moved.branchId(), moved.therapistId(), moved.roomId(), moved.equipmentIds()),
                        moved.start(), moved.end());
            }
            case SessionRescheduled rescheduled -> {
                List<Resource> now = used(rescheduled.branchId(), rescheduled.therapistId(), rescheduled.roomId(), rescheduled.equipmentIds());
                Instant previousEnd = rescheduled.previousStart().plus(Duration.between(rescheduled.start(), rescheduled.end()));
                letGo(rescheduled.bookingId(), withBranchResources(rescheduled.branchId(), now), rescheduled.previousStart(), previousEnd);
                held(rescheduled.bookingId(), rescheduled.branchId(), now, rescheduled.start(), rescheduled.end());
            }
            case SlotReleased released -> letGo(released.bookingId(),
                    withBranchResources(released.branchId(), used(released.branchId(), released.therapistId(), released.roomId(), List.of())),
                    released.start(), released.end());
            case ReassignmentFailed failed -> {
                if (failed.therapistId() != null) {
                    views.forgetResource(Reservations.collection(ResourceKind.THERAPIST), failed.therapistId());
                }
            }
            case TherapistAbsenceRecorded recorded -> absence(recorded.therapistId(), recorded.absenceId(), recorded.from(), recorded.to(), true);
            case TherapistAbsenceWithdrawn withdrawn -> absence(withdrawn.therapistId(), withdrawn.absenceId(), withdrawn.from(), withdrawn.to(),
                    false);
            case AssignmentRejected rejected -> { }
            case RescheduleRefused refused -> { }
        }
    }

    @Override
    public void following() {
        rosters.forgetAll();
        views.forgetAll();
    }

    /** The booking holds these resources for that session: a copy of the days it blocks that lacks it is forgotten. */
    private void held(String bookingId, String branchId, List<Resource> resources, Instant start, Instant end) {
        Interval session = new Interval(start, end);
        Interval blocked = catalogue.find(branchId).map(branch -> branch.blockedFor(session)).orElse(around(session));
        Predicate<List<BookedSession>> shows = sessions -> sessions.stream()
                .anyMatch(held -> held.heldBy(bookingId) && sameInstant(held.sessionStart(), start));
        resources.forEach(resource -> views.forgetUnless(Reservations.collection(resource.kind()), Reservations.dayIds(resource, blocked), shows));
    }

    /** The booking no longer holds these resources for that session: a copy that still has it is forgotten. */
    private void letGo(String bookingId, List<Resource> resources, Instant start, Instant end) {
        Interval around = around(new Interval(start, end));
        Predicate<List<BookedSession>> shows = sessions -> sessions.stream()
                .noneMatch(held -> held.heldBy(bookingId) && sameInstant(held.sessionStart(), start));
        resources.forEach(resource -> views.forgetUnless(Reservations.collection(resource.kind()), Reservations.dayIds(resource, around), shows));
    }

    private void absence(String therapistId, String absenceId, Instant from, Instant to, boolean recorded) {
        Resource therapist = Resource.therapist(therapistId);
        Predicate<List<BookedSession>> filed = sessions -> sessions.stream().anyMatch(held -> absenceId.equals(held.absenceId()));
        views.forgetUnless(Reservations.collection(ResourceKind.THERAPIST), Reservations.dayIds(therapist, new Interval(from, to)),
                recorded ? filed : filed.negate());
    }

    private static List<Resource> used(String branchId, String therapistId, String roomId, List<String> unitIds) {
        List<Resource> resources = new ArrayList<>();
        if (therapistId != null) {
            resources.add(Resource.therapist(therapistId));
        }
        if (roomId != null) {
            resources.add(Resource.room(branchId, roomId));
        }
        if (unitIds != null) {
            unitIds.forEach(unitId -> resources.add(Resource.equipment(branchId, unitId)));
        }
        return resources;
    }

    /** Besides those named, every room and unit of the branch: an event that lets a session go does not name them all. */
    private List<Resource> withBranchResources(String branchId, List<Resource> named) {
        List<Resource> resources = new ArrayList<>(named);
        Optional<Branch> branch = catalogue.find(branchId);
        branch.ifPresent(known -> {
            known.rooms().forEach(room -> resources.add(Resource.room(branchId, room.id())));
            known.equipment().forEach(unit -> resources.add(Resource.equipment(branchId, unit.id())));
        });
        return resources.stream().distinct().toList();
    }

    /** Travel before and changeover after a session stay well within this. */
    private static Interval around(Interval session) {
        return new Interval(session.start().minus(SnapshotLoader.MARGIN), session.end().plus(SnapshotLoader.MARGIN));
    }

    private static boolean sameInstant(Instant stored, Instant told) {
        return stored.truncatedTo(ChronoUnit.MILLIS).equals(told.truncatedTo(ChronoUnit.MILLIS));
    }
}
