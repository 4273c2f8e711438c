package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.assignments.RescheduleRefused;
import app.sabai.contracts.assignments.SessionRescheduled;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingRescheduleRequested;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Pressure;
import app.sabai.support.consume.AppliedEvents;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.AssignmentStatus;
import app.sabai.therapist.assignment.Explanations;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.planning.TherapistChoice;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import app.sabai.therapist.time.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What happens to a decided booking's reservation after the decision, as booking-service reports it:
 * a cancellation or a no-show releases everything it holds ({@code SlotReleased}); a reschedule request
 * places the session at the new time on the same reservation engine, holding the old one until the new one
 * is written ({@code SessionRescheduled}), or changes nothing and says why ({@code RescheduleRefused}); a
 * completed session counts for continuity. Each is applied once however often it arrives.
 */
@Service
public class LifecycleService {

    private static final Logger log = LoggerFactory.getLogger(LifecycleService.class);
    private static final int ATTEMPTS = 10;

    private final Assignments assignments;
    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final ReservationEngine engine;
    private final Reservations reservations;
    private final Alternatives alternatives;
    private final Continuity continuity;
    private final Clock clock;

    LifecycleService(Assignments assignments, BranchCatalogue catalogue, TherapistDirectory directory, ReservationEngine engine,
                     Reservations reservations, Alternatives alternatives, Continuity continuity, Clock clock) {
        this.assignments = assignments;
        this.catalogue = catalogue;
        this.directory = directory;
        this.engine = engine;
        this.reservations = reservations;
        this.alternatives = alternatives;
        this.continuity = continuity;
        this.clock = clock;
    }

    /** The booking was cancelled or its customer did not come ({@code reason} CANCELLED or NO_SHOW): it holds nothing any more. */
    public void released(String bookingId, String branchId, UUID eventId, String reason) {
        Instant now = clock.instant();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<AssignmentRecord> found = assignments.find(bookingId);
            if (found.isEmpty()) {
                if (assignments.releasedUnseen(bookingId, branchId, reason, now)) {
                    log.info("Booking {} was {} before its request was planned; it will never be", bookingId, reason.toLowerCase());
                    return;
                }
                continue;
            }
            AssignmentRecord record = found.get();
            if (record.status() == AssignmentStatus.RELEASED || record.status() == AssignmentStatus.REJECTED
                    || assignments.applied(bookingId, eventId)) {
                return;
            }
            List<AssignmentEvent> events = record.reservation() == null || record.reservation().holdings().isEmpty() ? List.of()
                    : List.of(new SlotReleased(UUID.randomUUID(), now, bookingId, record.branchId(), record.reservation().therapistId(),
                    record.start(), record.end(), reason, record.technique(), record.reservation().roomId()));
            if (assignments.release(record, eventId, reason, now, events)) {
                releaseEverything(record);
                log.info("Booking {} released ({})", bookingId, reason);
                return;
            }
        }
        throw new IllegalStateException("Booking " + bookingId + " kept changing while releasing it; retried");
    }

    public void reschedule(BookingRescheduleRequested request) {
        Optional<AssignmentRecord> found = assignments.find(request.bookingId());
        if (found.isEmpty() || assignments.applied(request.bookingId(), request.eventId())) {
            return;
        }
        AssignmentRecord record = found.get();
        switch (record.status()) {
            case PLANNING -> throw new IllegalStateException("Booking " + record.id() + " is not decided yet; the reschedule is retried");
            case REJECTED, RELEASED -> {
                log.info("Booking {} is {}; its reschedule request {} changes nothing", record.id(), record.status(), request.eventId());
                return;
            }
            case ASSIGNED, UNASSIGNED -> { }
        }
        Branch branch = catalogue.find(record.branchId()).orElseThrow(() -> new IllegalStateException("No branch " + record.branchId()));
        AssignmentRecord claimed = assignments.claimMove(record.id(), new AssignmentRecord.Move("RESCHEDULE", null, clock.instant()),
                ReservationEngine.MOVE_LEASE).orElseThrow(() -> new IllegalStateException(
                "Booking " + record.id() + " is being changed by another request; the reschedule is retried"));
        Interval to = new Interval(request.newStart(), request.newEnd() != null ? request.newEnd()
                : request.newStart().plusSeconds(60L * request.durationMinutes()));
        String wanted = request.therapistId() != null ? request.therapistId() : claimed.therapistId().orElse(null);
        Preferences preferences = new Preferences(wanted, claimed.preferences().therapistGender() == null ? GenderPreference.ANY
                : claimed.preferences().therapistGender(), claimed.preferences().pressure() == null ? Pressure.MEDIUM : claimed.preferences().pressure());
        SessionRequest session = new SessionRequest(claimed.id(), claimed.technique(), to, claimed.requirements(), preferences, null,
                new TherapistChoice.Anyone());
        List<Therapist> therapists = directory.forPlanning(branch.id(), wanted);
        Placement placement;
        try {
            placement = engine.place(branch, therapists, session, claimed.attempt(), List.of());
        } catch (RuntimeException e) {
            assignments.abortMove(claimed.id(), claimed.attempt());
            throw e;
        }
        switch (placement) {
            case Placement.Placed placed -> moved(branch, claimed, request, placed);
            case Placement.Refused refused -> {
                assignments.abortMove(claimed.id(), claimed.attempt());
                Plan.Infeasible why = refused.why();
                RescheduleRefused answer = new RescheduleRefused(UUID.randomUUID(), clock.instant(), claimed.id(), branch.id(),
                        request.newStart(), why.reason(), why.detail(), alternatives.nearest(refused.snapshot(), session, why.reason()),
                        new AssignmentExplanation(why.verdicts(), why.detail()));
                if (assignments.applyOnce(claimed.id(), request.eventId(), new Update().set("lastRescheduleRefusal", why.detail()),
                        List.of(answer))) {
                    log.info("Booking {} cannot move to {}: {}", claimed.id(), request.newStart(), why.detail());
                }
            }
            case Placement.Contended contended -> {
                assignments.abortMove(claimed.id(), claimed.attempt());
                throw new IllegalStateException(contended.why() + "; the reschedule is retried");
            }
        }
    }

    /** The session was given: the customer's and the course's next sessions prefer this therapist. */
    public void completed(BookingCompleted completed) {
        if (completed.therapistId() != null) {
            continuity.remember(completed.customer() == null ? null : completed.customer().email(), completed.courseId(),
                    completed.therapistId(), completed.occurredAt());
        }
    }

    private void moved(Branch branch, AssignmentRecord claimed, BookingRescheduleRequested request, Placement.Placed placed) {
        Therapist therapist = placed.candidate().therapist();
        Plan.Feasible feasible = placed.plan();
        Instant now = clock.instant();
        String roomId = placed.room().map(Room::id).orElse(null);
        List<String> equipmentIds = placed.unit().map(unit -> List.of(unit.id())).orElse(List.of());
        AssignmentExplanation explanation = new AssignmentExplanation(feasible.verdicts(), Explanations.winner(placed.candidate(),
                feasible.candidates().size(), placed.room(), placed.unit(), placed.takenMeanwhile()));
        AssignmentRecord.Reservation before = claimed.reservation();
        AssignmentRecord.Reservation after = new AssignmentRecord.Reservation(therapist.id(), therapist.name(), roomId, equipmentIds,
                feasible.blocked().start(), feasible.blocked().end(), placed.holdings().stream().map(AssignmentRecord.Held::of).toList());
        List<AssignmentEvent> events = new ArrayList<>();
        events.add(new SessionRescheduled(UUID.randomUUID(), now, claimed.id(), branch.id(), therapist.id(), therapist.name(), roomId,
                equipmentIds, claimed.start(), feasible.session().start(), feasible.session().end(), explanation));
        if (before != null && !before.holdings().isEmpty()) {
            events.add(new SlotReleased(UUID.randomUUID(), now, claimed.id(), branch.id(), before.therapistId(), claimed.start(),
                    claimed.end(), "RESCHEDULED", claimed.technique(), before.roomId()));
        }
        Update update = new Update()
                .set("status", AssignmentStatus.ASSIGNED)
                .set("reservation", after)
                .set("explanation", explanation)
                .set("start", feasible.session().start())
                .set("end", feasible.session().end())
                .unset("unassigned")
                .unset("lastRescheduleRefusal");
        Update marked = AppliedEvents.markApplied(update, request.eventId());
        AssignmentRecord.Change change = new AssignmentRecord.Change(now, claimed.therapistId().orElse(null), therapist.id(),
                "moved from " + claimed.start() + " to " + feasible.session().start(), null);
        if (!assignments.completeMove(claimed.id(), claimed.attempt(), marked, change, events)) {
            engine.release(placed.taken(), claimed.id());
            throw new IllegalStateException("Booking " + claimed.id() + " was changed meanwhile; the reschedule is retried");
        }
        if (before != null) {
            engine.release(before.asHoldings().stream().filter(holding -> !placed.holdings().contains(holding)).toList(), claimed.id());
        }
        log.info("Booking {} moved from {} to {} with {}", claimed.id(), claimed.start(), feasible.session().start(), therapist.id());
    }

    /** Everything the booking filed at the branch around its session, whichever attempt filed it. */
    private void releaseEverything(AssignmentRecord record) {
        catalogue.find(record.branchId()).ifPresent(branch -> {
            if (record.start() == null || record.end() == null) {
                return;
            }
            Interval blocked = branch.blockedFor(new Interval(record.start(), record.end()));
            reservations.releaseEarlierAttempts(SnapshotLoader.resources(branch, directory.everyoneAt(branch.id())), blocked, record.id(),
                    Integer.MAX_VALUE);
        });
        if (record.reservation() != null) {
            engine.release(record.reservation().asHoldings(), record.id());
        }
    }
}
