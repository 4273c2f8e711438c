package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.support.web.ConflictException;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.AssignmentStatus;
import app.sabai.therapist.assignment.Explanations;
import app.sabai.therapist.assignment.ReplanOutcome;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Holding;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.Replan;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.ResourceKind;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.planning.TherapistChoice;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import app.sabai.therapist.time.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Re-plans every booking a therapist holds in a period they cannot work, as one decision per branch: the
 * bookings are claimed, planned together against one snapshot ({@link Replan}), and each is then held with
 * the therapist the plan gave it (or, when a concurrent booking took that one meanwhile, re-placed alone
 * on a fresh read), or marked as needing staff with the nearest alternatives. Running it again for the same
 * cause finishes what an interrupted run left and reports the bookings it moved before.
 */
@Service
public class Replanner {

    /** How far ahead bookings can exist: a change of staff or roster is checked against every session until then. */
    public static final Duration HORIZON = Duration.ofDays(92);

    private static final Logger log = LoggerFactory.getLogger(Replanner.class);
    private static final int SETTLE_ROUNDS = 20;
    private static final int CLAIM_ROUNDS = 20;

    private final Assignments assignments;
    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final Reservations reservations;
    private final SnapshotLoader snapshots;
    private final ReservationEngine engine;
    private final ReassignmentService moves;
    private final Alternatives alternatives;
    private final Clock clock;

    Replanner(Assignments assignments, BranchCatalogue catalogue, TherapistDirectory directory, Reservations reservations,
              SnapshotLoader snapshots, ReservationEngine engine, ReassignmentService moves, Alternatives alternatives, Clock clock) {
        this.assignments = assignments;
        this.catalogue = catalogue;
        this.directory = directory;
        this.reservations = reservations;
        this.snapshots = snapshots;
        this.engine = engine;
        this.moves = moves;
        this.alternatives = alternatives;
        this.clock = clock;
    }

    /** The outcome per booking (earliest session first) and the order the plan used. */
    public record Replanned(List<ReplanOutcome> outcomes, String order) {
    }

    /**
     * Re-plans the future sessions the therapist holds in {@code period}. {@code affecting} learns the bookings
     * concerned before any of them moves. {@code earlier} are bookings an interrupted run was about.
     */
    public Replanned replan(String therapistId, Interval period, ReassignmentService.Cause cause, List<String> earlier,
                            Consumer<List<String>> affecting) {
        return replan(therapistId, period, cause, earlier, affecting, record -> true);
    }

    /** As above, for the bookings held in the period that {@code concerns} picks (those a change strands, say). */
    public Replanned replan(String therapistId, Interval period, ReassignmentService.Cause cause, List<String> earlier,
                            Consumer<List<String>> affecting, Predicate<AssignmentRecord> concerns) {
        Map<String, AssignmentRecord> concerned = settledHolders(therapistId, period, earlier);
        concerned.values().removeIf(record -> !earlier.contains(record.id()) && !concerns.test(record));
        affecting.accept(List.copyOf(concerned.keySet()));
        Instant now = clock.instant();
        List<ReplanOutcome> outcomes = new ArrayList<>();
        Map<String, List<AssignmentRecord>> toMoveByBranch = new LinkedHashMap<>();
        for (AssignmentRecord record : concerned.values()) {
            boolean holdsIt = record.status() == AssignmentStatus.ASSIGNED && record.therapistId().filter(therapistId::equals).isPresent();
            if (holdsIt && record.start().isAfter(now)) {
                toMoveByBranch.computeIfAbsent(record.branchId(), branch -> new ArrayList<>()).add(record);
            } else {
                outcomeSoFar(record, cause).ifPresent(outcomes::add);
            }
        }
        String order = null;
        for (Map.Entry<String, List<AssignmentRecord>> entry : toMoveByBranch.entrySet()) {
            Branch branch = catalogue.find(entry.getKey()).orElseThrow(() -> new IllegalStateException("No branch " + entry.getKey()));
            Replan.Result result = replanAtBranch(branch, therapistId, claim(entry.getValue(), cause), cause, outcomes);
            order = result.order().description();
        }
        outcomes.sort(Comparator.comparing(ReplanOutcome::start).thenComparing(ReplanOutcome::bookingId));
        return new Replanned(outcomes, order);
    }

    private Replan.Result replanAtBranch(Branch branch, String therapistId, List<AssignmentRecord> claimed,
                                         ReassignmentService.Cause cause, List<ReplanOutcome> outcomes) {
        List<Therapist> therapists = directory.forPlanning(branch.id(), null);
        List<LocalDate> dates = claimed.stream().map(record -> branch.localDateOf(record.start())).distinct().sorted().toList();
        PlanningSnapshot snapshot = snapshots.load(branch, therapists, dates);
        Map<String, AssignmentRecord> byId = claimed.stream().collect(Collectors.toMap(AssignmentRecord::id, Function.identity()));
        List<SessionRequest> requests = claimed.stream()
                .map(record -> ReassignmentService.requestOf(record, new TherapistChoice.AnyoneBut(therapistId))).toList();
        Replan.Result result = Replan.plan(snapshot, requests);
        log.info("Re-planning {} booking(s) of {} at {}, {}: {} can move", requests.size(), therapistId, branch.id(),
                result.order().description(), result.moved());
        String lostName = directory.find(therapistId).map(Therapist::name).orElse(therapistId);
        for (Replan.Outcome outcome : result.outcomes()) {
            AssignmentRecord record = byId.get(outcome.bookingId());
            List<Holding> kept = keptOf(record);
            Optional<Placement.Placed> held = switch (outcome) {
                case Replan.Moved moved -> engine.hold(moved.plan(), branch, record.id(), record.attempt(), kept);
                case Replan.Stuck stuck -> Optional.empty();
            };
            Placement placement = held.<Placement>map(placed -> placed).orElseGet(() -> outcome instanceof Replan.Stuck stuck
                    ? new Placement.Refused(stuck.why(), snapshot)
                    : placeAlone(branch, therapists, outcome.request(), record, kept));
            outcomes.add(finish(branch, record, outcome.request(), placement, lostName, cause));
        }
        return result;
    }

    /** The batch plan's choice was taken meanwhile: the booking is placed on its own, on a fresh read. */
    private Placement placeAlone(Branch branch, List<Therapist> therapists, SessionRequest request, AssignmentRecord record, List<Holding> kept) {
        try {
            return engine.place(branch, therapists, request, record.attempt(), kept);
        } catch (IllegalStateException lostEveryRace) {
            return new Placement.Contended("every option for booking " + record.id() + " was taken by concurrent bookings");
        }
    }

    private ReplanOutcome finish(Branch branch, AssignmentRecord record, SessionRequest request, Placement placement, String lostName,
                                 ReassignmentService.Cause cause) {
        switch (placement) {
            case Placement.Placed placed -> {
                moves.complete(branch, record, placed, cause);
                return new ReplanOutcome(record.id(), record.branchId(), record.technique(), record.customerName(), record.start(),
                        record.end(), ReplanOutcome.Result.MOVED, placed.candidate().therapist().id(),
                        placed.candidate().therapist().name(), Explanations.winner(placed.candidate(), placed.plan().candidates().size(),
                        placed.room(), placed.unit(), placed.takenMeanwhile()), List.of());
            }
            case Placement.Refused refused -> {
                Plan.Infeasible why = refused.why();
                List<Alternative> offered = alternatives.nearest(refused.snapshot(), request);
                String reason = lostName + " is " + cause.reason() + " and nobody can take the session over: " + why.detail();
                if (!moves.fail(branch, record, lostName, reason, offered, new AssignmentExplanation(why.verdicts(), why.detail()), cause)) {
                    throw new ConflictException(null, "Booking " + record.id() + " was changed by another request meanwhile; record the absence again");
                }
                return new ReplanOutcome(record.id(), record.branchId(), record.technique(), record.customerName(), record.start(),
                        record.end(), ReplanOutcome.Result.NEEDS_ATTENTION, null, null, why.detail(), offered);
            }
            case Placement.Contended contended -> {
                assignments.abortMove(record.id(), record.attempt());
                throw new ConflictException(null, contended.why() + "; record the absence again in a moment");
            }
        }
    }

    /** The bookings whose sessions hold the therapist in the period, once every attempt in flight has settled. */
    public List<AssignmentRecord> holders(String therapistId, Interval period) {
        return List.copyOf(settledHolders(therapistId, period, List.of()).values());
    }

    /**
     * The bookings concerned: those holding the therapist in the period (once every attempt in flight has
     * settled) and those an earlier run was about. Leftovers of attempts that gave up are released.
     */
    private Map<String, AssignmentRecord> settledHolders(String therapistId, Interval period, List<String> earlier) {
        Resource therapist = Resource.therapist(therapistId);
        for (int round = 1; round <= SETTLE_ROUNDS; round++) {
            List<BookedSession> sessions = reservations.occupancy(List.of(therapist), period).sessions(therapist).stream()
                    .filter(session -> !session.isAbsence() && session.blocked().overlaps(period)).toList();
            Set<String> ids = new LinkedHashSet<>(earlier);
            sessions.forEach(session -> ids.add(session.bookingId()));
            Map<String, AssignmentRecord> records = assignments.findAll(ids).stream()
                    .collect(Collectors.toMap(AssignmentRecord::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            boolean inFlight = false;
            Set<String> held = new LinkedHashSet<>(earlier);
            for (BookedSession session : sessions) {
                AssignmentRecord owner = records.get(session.bookingId());
                switch (owner == null ? AssignmentRecord.Liveness.STALE
                        : owner.liveness(therapist, session.attempt(), clock.instant(), ReservationEngine.MOVE_LEASE)) {
                    case HELD -> held.add(session.bookingId());
                    case IN_FLIGHT -> inFlight = true;
                    case ABANDONED, STALE -> {
                        if (owner != null) {
                            assignments.abortMove(owner.id(), session.attempt());
                        }
                        reservations.release(therapist, session.blocked(), session.bookingId(), session.attempt());
                    }
                }
            }
            if (!inFlight) {
                records.keySet().retainAll(held);
                return records;
            }
            pause();
        }
        throw new ConflictException(null, "Bookings of " + therapistId + " are being decided right now; record the absence again in a moment");
    }

    private List<AssignmentRecord> claim(List<AssignmentRecord> records, ReassignmentService.Cause cause) {
        List<AssignmentRecord> claimed = new ArrayList<>();
        for (AssignmentRecord record : records) {
            Optional<AssignmentRecord> move = Optional.empty();
            for (int round = 1; round <= CLAIM_ROUNDS && move.isEmpty(); round++) {
                move = assignments.claimMove(record.id(), new AssignmentRecord.Move("ABSENCE", cause.absenceId(), clock.instant()),
                        ReservationEngine.MOVE_LEASE);
                if (move.isEmpty()) {
                    pause();
                }
            }
            if (move.isEmpty()) {
                claimed.forEach(done -> assignments.abortMove(done.id(), done.attempt()));
                throw new ConflictException(null, "Booking " + record.id() + " is being changed by another request; record the absence again in a moment");
            }
            claimed.add(move.get());
        }
        return claimed;
    }

    /** For a booking this cause already dealt with (an interrupted run), what became of it. */
    private static Optional<ReplanOutcome> outcomeSoFar(AssignmentRecord record, ReassignmentService.Cause cause) {
        boolean movedByCause = record.changes().stream().anyMatch(change -> cause.absenceId() != null
                && cause.absenceId().equals(change.absenceId()));
        if (!movedByCause) {
            return Optional.empty();
        }
        if (record.status() == AssignmentStatus.UNASSIGNED && record.unassigned() != null) {
            return Optional.of(new ReplanOutcome(record.id(), record.branchId(), record.technique(), record.customerName(), record.start(),
                    record.end(), ReplanOutcome.Result.NEEDS_ATTENTION, null, null, record.unassigned().reason(),
                    record.unassigned().alternatives()));
        }
        return Optional.of(new ReplanOutcome(record.id(), record.branchId(), record.technique(), record.customerName(), record.start(),
                record.end(), ReplanOutcome.Result.MOVED, record.therapistId().orElse(null),
                record.reservation() == null ? null : record.reservation().therapistName(),
                record.explanation() == null ? null : record.explanation().summary(), List.of()));
    }

    private static List<Holding> keptOf(AssignmentRecord record) {
        return record.reservation() == null ? List.of() : record.reservation().asHoldings().stream()
                .filter(holding -> holding.resource().kind() != ResourceKind.THERAPIST).toList();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for bookings to settle", e);
        }
    }
}
