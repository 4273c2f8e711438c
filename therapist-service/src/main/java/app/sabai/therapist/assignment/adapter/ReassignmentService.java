package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.CandidateVerdict;
import app.sabai.support.web.ConflictException;
import app.sabai.support.web.InvalidRequestException;
import app.sabai.support.web.NotFoundException;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.AssignmentStatus;
import app.sabai.therapist.assignment.AssignmentView;
import app.sabai.therapist.assignment.Explanations;
import app.sabai.therapist.assignment.Reassignment;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.Holding;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.Planner;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.RankedCandidate;
import app.sabai.therapist.planning.ResourceKind;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.planning.TherapistChoice;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves a decided booking to another therapist at the same time, on the same reservation engine as new
 * bookings: claim a move on the booking, place the session with the named therapist (or the best other
 * one), keeping the room and equipment it holds; then write the new reservation with its event in one
 * update guarded by the claim, and release the previous therapist's session. Refused moves change nothing.
 */
@Service
public class ReassignmentService {

    private static final Logger log = LoggerFactory.getLogger(ReassignmentService.class);

    private final Assignments assignments;
    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final ReservationEngine engine;
    private final Alternatives alternatives;
    private final Clock clock;

    ReassignmentService(Assignments assignments, BranchCatalogue catalogue, TherapistDirectory directory, ReservationEngine engine,
                        Alternatives alternatives, Clock clock) {
        this.assignments = assignments;
        this.catalogue = catalogue;
        this.directory = directory;
        this.engine = engine;
        this.alternatives = alternatives;
        this.clock = clock;
    }

    /** What a move is for: staff asked for it, or it re-plans an absence. */
    public record Cause(String reason, String absenceId) {

        static Cause staff(String reason) {
            return new Cause(reason, null);
        }

        String kind() {
            return absenceId == null ? "REASSIGNMENT" : "ABSENCE";
        }
    }

    public Reassignment reassign(String branchId, String bookingId, String therapistId, String reason) {
        AssignmentRecord record = assignments.find(bookingId).filter(found -> found.branchId().equals(branchId))
                .orElseThrow(() -> new NotFoundException("booking at branch " + branchId, bookingId));
        requireMovable(record);
        Optional<String> current = record.therapistId();
        if (therapistId != null && current.isPresent() && current.get().equals(therapistId)) {
            return new Reassignment.Done(AssignmentView.of(record), false);
        }
        if (therapistId != null && directory.find(therapistId).isEmpty()) {
            throw new InvalidRequestException("therapistId", "there is no therapist '" + therapistId + "'");
        }
        Branch branch = catalogue.find(branchId).orElseThrow(() -> new NotFoundException("branch", branchId));
        TherapistChoice choice = therapistId != null ? new TherapistChoice.Only(therapistId)
                : current.<TherapistChoice>map(TherapistChoice.AnyoneBut::new).orElseGet(TherapistChoice.Anyone::new);
        Cause cause = Cause.staff(reason == null || reason.isBlank() ? "reassigned by staff" : reason.strip());
        AssignmentRecord claimed = assignments.claimMove(bookingId, new AssignmentRecord.Move(cause.kind(), null, clock.instant()),
                ReservationEngine.MOVE_LEASE).orElseThrow(() -> new ConflictException(null,
                "Booking " + bookingId + " is being changed by another request; try again in a moment"));
        if (therapistId != null && claimed.therapistId().filter(therapistId::equals).isPresent()) {
            // Another request moved it to that therapist after we read it: already done.
            assignments.abortMove(bookingId, claimed.attempt());
            return new Reassignment.Done(AssignmentView.of(assignments.find(bookingId).orElseThrow()), false);
        }
        if (therapistId == null && !claimed.therapistId().equals(current)) {
            choice = claimed.therapistId().<TherapistChoice>map(TherapistChoice.AnyoneBut::new).orElseGet(TherapistChoice.Anyone::new);
        }
        return move(branch, claimed, choice, cause);
    }

    /**
     * Moves the claimed booking as chosen, or refuses; the claim ends either way. Used by staff requests and,
     * one booking at a time, by the absence re-plan when its batch plan lost a race.
     */
    Reassignment move(Branch branch, AssignmentRecord claimed, TherapistChoice choice, Cause cause) {
        int attempt = claimed.attempt();
        SessionRequest request = requestOf(claimed, choice);
        List<Holding> held = claimed.reservation() == null ? List.of() : claimed.reservation().asHoldings();
        List<Holding> kept = held.stream().filter(holding -> holding.resource().kind() != ResourceKind.THERAPIST).toList();
        List<Therapist> therapists = directory.forPlanning(branch.id(), choice instanceof TherapistChoice.Only(String named) ? named : null);
        Placement placement;
        try {
            placement = engine.place(branch, therapists, request, attempt, kept);
        } catch (IllegalStateException lostEveryRace) {
            assignments.abortMove(claimed.id(), attempt);
            throw new ConflictException(null, "Every option for booking " + claimed.id() + " was taken by concurrent bookings while "
                    + "planning; try again in a moment");
        } catch (RuntimeException e) {
            assignments.abortMove(claimed.id(), attempt);
            throw e;
        }
        return switch (placement) {
            case Placement.Placed placed -> complete(branch, claimed, placed, cause);
            case Placement.Refused refused -> {
                assignments.abortMove(claimed.id(), attempt);
                yield refusal(refused, request, claimed.therapistId());
            }
            case Placement.Contended contended -> {
                assignments.abortMove(claimed.id(), attempt);
                throw new ConflictException(null, "Another booking or move is being decided for this time; try again in a moment");
            }
        };
    }

    /** Writes the move that the placement made possible, then releases what the booking no longer holds. */
    Reassignment complete(Branch branch, AssignmentRecord claimed, Placement.Placed placed, Cause cause) {
        Therapist therapist = placed.candidate().therapist();
        Plan.Feasible feasible = placed.plan();
        Instant now = clock.instant();
        AssignmentRecord.Reservation before = claimed.reservation();
        String roomId = placed.room().map(Room::id).orElse(null);
        List<String> equipmentIds = placed.unit().map(unit -> List.of(unit.id())).orElse(List.of());
        AssignmentExplanation explanation = new AssignmentExplanation(feasible.verdicts(), Explanations.winner(placed.candidate(),
                feasible.candidates().size(), placed.room(), placed.unit(), placed.takenMeanwhile()));
        AssignmentRecord.Reservation reservation = new AssignmentRecord.Reservation(therapist.id(), therapist.name(), roomId,
                equipmentIds, feasible.blocked().start(), feasible.blocked().end(),
                placed.holdings().stream().map(AssignmentRecord.Held::of).toList());
        String previousId = before == null ? null : before.therapistId();
        String previousName = before == null ? null : before.therapistName();
        if (previousId == null && claimed.unassigned() != null) {
            previousId = claimed.unassigned().lostTherapistId();
            previousName = claimed.unassigned().lostTherapistName();
        }
        TherapistReassigned event = new TherapistReassigned(UUID.randomUUID(), now, claimed.id(), branch.id(), previousId,
                therapist.id(), therapist.name(), roomId, feasible.session().start(), feasible.session().end(), cause.reason(),
                explanation, previousName, equipmentIds, cause.absenceId());
        Update update = new Update()
                .set("status", AssignmentStatus.ASSIGNED)
                .set("reservation", reservation)
                .set("explanation", explanation)
                .unset("unassigned");
        AssignmentRecord.Change change = new AssignmentRecord.Change(now, previousId, therapist.id(), cause.reason(), cause.absenceId());
        if (!assignments.completeMove(claimed.id(), claimed.attempt(), update, change, event)) {
            engine.release(placed.taken(), claimed.id());
            throw new ConflictException(null, "Booking " + claimed.id() + " was changed by another request meanwhile; nothing was moved");
        }
        if (before != null) {
            engine.release(before.asHoldings().stream().filter(holding -> !placed.holdings().contains(holding)).toList(), claimed.id());
        }
        log.info("Booking {} moved from {} to {} ({})", claimed.id(), previousId, therapist.id(), cause.reason());
        return new Reassignment.Done(AssignmentView.of(assignments.find(claimed.id()).orElseThrow()), true);
    }

    /**
     * Nobody can take the claimed booking over: its therapist's session is released, room and equipment stay
     * held, and {@code ReassignmentFailed} tells the booking it needs staff. False when the claim was lost.
     */
    boolean fail(Branch branch, AssignmentRecord claimed, String lostTherapistName, String reason, List<Alternative> offered,
                 AssignmentExplanation explanation, Cause cause) {
        Instant now = clock.instant();
        AssignmentRecord.Reservation before = claimed.reservation();
        String lostId = before == null ? null : before.therapistId();
        List<Holding> keeping = before == null ? List.of() : before.asHoldings().stream()
                .filter(holding -> holding.resource().kind() != ResourceKind.THERAPIST).toList();
        AssignmentRecord.Reservation without = before == null ? null : new AssignmentRecord.Reservation(null, null, before.roomId(),
                before.equipmentIds(), before.blockedStart(), before.blockedEnd(), keeping.stream().map(AssignmentRecord.Held::of).toList());
        ReassignmentFailed event = new ReassignmentFailed(UUID.randomUUID(), now, claimed.id(), branch.id(), lostId, reason, offered,
                explanation, cause.absenceId());
        Update update = new Update()
                .set("status", AssignmentStatus.UNASSIGNED)
                .set("reservation", without)
                .set("unassigned", new AssignmentRecord.Unassigned(lostId, lostTherapistName, reason, cause.absenceId(), offered, now));
        AssignmentRecord.Change change = new AssignmentRecord.Change(now, lostId, null, cause.reason(), cause.absenceId());
        if (!assignments.completeMove(claimed.id(), claimed.attempt(), update, change, event)) {
            return false;
        }
        if (before != null) {
            engine.release(before.asHoldings().stream().filter(holding -> !keeping.contains(holding)).toList(), claimed.id());
        }
        log.info("Booking {} lost therapist {} and needs attention: {}", claimed.id(), lostId, reason);
        return true;
    }

    /** Why not, who else could take the session at its time (when staff named someone), and the nearest other times. */
    private Reassignment refusal(Placement.Refused refused, SessionRequest request, Optional<String> current) {
        Plan.Infeasible why = refused.why();
        PlanningSnapshot snapshot = refused.snapshot();
        String rule = why.reason().name();
        List<CandidateVerdict> others = List.of();
        if (request.choice() instanceof TherapistChoice.Only(String named)) {
            if (why.verdicts().size() == 1 && why.verdicts().getFirst().excludedBy() != null) {
                rule = why.verdicts().getFirst().excludedBy();
            }
            TherapistChoice instead = current.<TherapistChoice>map(TherapistChoice.AnyoneBut::new).orElseGet(TherapistChoice.Anyone::new);
            if (Planner.plan(snapshot, request.choosing(instead)) instanceof Plan.Feasible feasible) {
                others = feasible.candidates().stream().filter(candidate -> !candidate.therapist().id().equals(named))
                        .map(RankedCandidate::verdict).toList();
            }
        }
        return new Reassignment.Refused(rule, why.detail(), why.verdicts(), others, alternatives.nearest(snapshot, request, why.reason()));
    }

    static SessionRequest requestOf(AssignmentRecord record, TherapistChoice choice) {
        return new SessionRequest(record.id(), record.technique(), record.session(), record.requirements(), record.preferences(),
                null, choice);
    }

    private void requireMovable(AssignmentRecord record) {
        switch (record.status()) {
            case ASSIGNED, UNASSIGNED -> { }
            case PLANNING -> throw new ConflictException(null, "Booking " + record.id() + " is not decided yet; it cannot be moved");
            case REJECTED -> throw new ConflictException(null, "Booking " + record.id() + " was rejected; there is nothing to move");
            case RELEASED -> throw new ConflictException(null, "Booking " + record.id() + " was cancelled or missed; there is nothing to move");
        }
        if (!record.start().isAfter(clock.instant())) {
            throw new ConflictException(null, "The session of booking " + record.id() + " started at " + record.start()
                    + "; a session that has begun cannot be moved");
        }
    }
}
