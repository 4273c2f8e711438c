package app.sabai.therapist.assignment.adapter;

import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.Explanations;

import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.DayKeys;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.Planner;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.RankedCandidate;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.planning.SlotSearch;
import app.sabai.therapist.schedule.DayIds;
import app.sabai.therapist.schedule.Ledger;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.staff.adapter.TherapistDirectory;
import app.sabai.therapist.time.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Finds a therapist, room and equipment for a requested booking and decides it exactly once, however
 * often the request arrives and however many instances process it at the same time:
 * <ol>
 *   <li>open the booking's {@code assignments} document and claim a new attempt number, unless decided;</li>
 *   <li>release whatever earlier attempts of the booking still hold (a crash, a lost race);</li>
 *   <li>plan against a snapshot, then reserve therapist → room → equipment with guarded writes, moving to
 *       the next option whenever someone else got there first, and releasing this attempt's holdings;</li>
 *   <li>write the decision and its event in one update guarded by {@code PLANNING} and the attempt number;
 *       if another attempt decided meanwhile, release this attempt's holdings.</li>
 * </ol>
 */
@Service
public class AssignmentService {

    private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);

    /** Re-plans on a fresh snapshot after every option was lost to concurrent bookings. */
    static final int PLANNING_ROUNDS = 10;
    static final int ALTERNATIVES = 5;
    /** Alternatives are searched on the requested day and this many days after it. */
    static final int ALTERNATIVE_DAYS_AFTER = 13;

    private final Assignments assignments;
    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final SnapshotLoader snapshots;
    private final Reservations reservations;
    private final Continuity continuity;
    private final Clock clock;

    AssignmentService(Assignments assignments, BranchCatalogue catalogue, TherapistDirectory directory, SnapshotLoader snapshots,
                      Reservations reservations, Continuity continuity, Clock clock) {
        this.assignments = assignments;
        this.catalogue = catalogue;
        this.directory = directory;
        this.snapshots = snapshots;
        this.reservations = reservations;
        this.continuity = continuity;
        this.clock = clock;
    }

    public void handle(BookingRequested request) {
        requireComplete(request);
        assignments.open(request, clock.instant());
        OptionalInt claimed = assignments.claim(request.bookingId());
        if (claimed.isEmpty()) {
            log.debug("Booking {} is already decided; request {} changes nothing", request.bookingId(), request.eventId());
            return;
        }
        int attempt = claimed.getAsInt();
        Optional<Branch> branch = catalogue.find(request.branchId());
        if (branch.isEmpty()) {
            reject(request, attempt, new Plan.Infeasible(RejectionReason.NO_QUALIFIED_THERAPIST,
                    "There is no branch '" + request.branchId() + "'", List.of()), List.of());
            return;
        }
        plan(request, attempt, branch.get());
    }

    private void plan(BookingRequested request, int attempt, Branch branch) {
        Interval session = new Interval(request.start(), endOf(request));
        LocalDate day = branch.localDateOf(session.start());
        List<Therapist> therapists = directory.forPlanning(branch.id(),
                request.preferences() == null ? null : request.preferences().therapistId());
        if (attempt > 1) {
            reservations.releaseEarlierAttempts(DayIds.of(branch, therapists, List.of(day)), request.bookingId(), attempt);
        }
        SessionRequest wanted = new SessionRequest(request.bookingId(), request.technique(), session, request.requirements(), request.preferences(),
                continuity.previousTherapist(request.customer() == null ? null : request.customer().email(), request.courseId())
                        .orElse(null));

        for (int round = 1; round <= PLANNING_ROUNDS; round++) {
            PlanningSnapshot snapshot = snapshots.load(branch, therapists, List.of(day));
            switch (Planner.plan(snapshot, wanted)) {
                case Plan.Infeasible infeasible -> {
                    reject(request, attempt, infeasible, alternatives(snapshot, wanted, infeasible.reason()));
                    return;
                }
                case Plan.Feasible feasible -> {
                    Optional<Holding> holding = hold(feasible, branch, day, request.bookingId(), attempt);
                    if (holding.isPresent()) {
                        assign(request, attempt, branch, feasible, holding.get());
                        return;
                    }
                    log.debug("Booking {} lost every option of round {} to concurrent bookings; re-planning", request.bookingId(), round);
                }
            }
        }
        throw new IllegalStateException("Booking " + request.bookingId() + " lost every option in " + PLANNING_ROUNDS
                + " planning rounds; the request is retried");
    }

    /** What this attempt reserved, and the better-ranked therapists it found taken meanwhile. */
    private record Holding(RankedCandidate candidate, Optional<Room> room, Optional<EquipmentUnit> unit,
                           List<RankedCandidate> takenMeanwhile, Reserved reserved) {
    }

    /** The day documents this attempt holds sessions in, so it can release them. */
    private record Reserved(String therapistDay, Optional<String> roomDay, Optional<String> equipmentDay) {
    }

    private Optional<Holding> hold(Plan.Feasible feasible, Branch branch, LocalDate day, String bookingId, int attempt) {
        BookedSession session = BookedSession.of(bookingId, attempt, branch.id(), feasible.blocked(), feasible.session());
        List<RankedCandidate> takenMeanwhile = new ArrayList<>();
        for (RankedCandidate candidate : feasible.candidates()) {
            String therapistDay = DayKeys.therapistDay(candidate.therapist().id(), day);
            if (!reservations.reserve(Ledger.THERAPISTS, therapistDay, session)) {
                takenMeanwhile.add(candidate);
                continue;
            }
            Optional<Room> room = Optional.empty();
            if (!branch.mobile()) {
                room = first(feasible.rooms(), r -> reservations.reserve(Ledger.ROOMS, DayKeys.roomDay(branch.id(), r.id(), day), session));
                if (room.isEmpty()) {
                    reservations.release(Ledger.THERAPISTS, List.of(therapistDay), bookingId, attempt);
                    continue;
                }
            }
            Optional<EquipmentUnit> unit = Optional.empty();
            if (feasible.equipmentKind().isPresent()) {
                unit = first(feasible.units(), u -> reservations.reserve(Ledger.EQUIPMENT, DayKeys.equipmentDay(branch.id(), u.id(), day), session));
                if (unit.isEmpty()) {
                    reservations.release(Ledger.THERAPISTS, List.of(therapistDay), bookingId, attempt);
                    room.ifPresent(r -> reservations.release(Ledger.ROOMS, List.of(DayKeys.roomDay(branch.id(), r.id(), day)), bookingId, attempt));
                    continue;
                }
            }
            Reserved reserved = new Reserved(therapistDay,
                    room.map(r -> DayKeys.roomDay(branch.id(), r.id(), day)),
                    unit.map(u -> DayKeys.equipmentDay(branch.id(), u.id(), day)));
            return Optional.of(new Holding(candidate, room, unit, takenMeanwhile, reserved));
        }
        return Optional.empty();
    }

    private void assign(BookingRequested request, int attempt, Branch branch, Plan.Feasible feasible, Holding holding) {
        Therapist therapist = holding.candidate().therapist();
        List<String> equipmentIds = holding.unit().map(u -> List.of(u.id())).orElse(List.of());
        String roomId = holding.room().map(Room::id).orElse(null);
        AssignmentExplanation explanation = new AssignmentExplanation(feasible.verdicts(), Explanations.winner(holding.candidate(),
                feasible.candidates().size(), holding.room(), holding.unit(), holding.takenMeanwhile()));
        Instant now = clock.instant();
        TherapistAssigned assigned = new TherapistAssigned(UUID.randomUUID(), now, request.bookingId(), branch.id(),
                therapist.id(), therapist.name(), roomId, equipmentIds, feasible.session().start(), feasible.session().end(), explanation);
        AssignmentRecord.Reservation reservation = new AssignmentRecord.Reservation(therapist.id(), therapist.name(), roomId,
                equipmentIds, feasible.blocked().start(), feasible.blocked().end());

        if (assignments.assign(request.bookingId(), attempt, reservation, explanation, assigned, request, now)) {
            log.info("Booking {} assigned to {} ({})", request.bookingId(), therapist.id(), explanation.summary());
            continuity.remember(request.customer() == null ? null : request.customer().email(), request.courseId(), therapist.id(), now);
        } else {
            log.info("Booking {} was decided by another attempt; releasing what attempt {} held", request.bookingId(), attempt);
            Reserved reserved = holding.reserved();
            reservations.release(Ledger.THERAPISTS, List.of(reserved.therapistDay()), request.bookingId(), attempt);
            reserved.roomDay().ifPresent(id -> reservations.release(Ledger.ROOMS, List.of(id), request.bookingId(), attempt));
            reserved.equipmentDay().ifPresent(id -> reservations.release(Ledger.EQUIPMENT, List.of(id), request.bookingId(), attempt));
        }
    }

    private void reject(BookingRequested request, int attempt, Plan.Infeasible infeasible, List<Alternative> alternatives) {
        Instant now = clock.instant();
        AssignmentExplanation explanation = new AssignmentExplanation(infeasible.verdicts(), infeasible.detail());
        AssignmentRejected rejected = new AssignmentRejected(UUID.randomUUID(), now, request.bookingId(), request.branchId(),
                infeasible.reason(), infeasible.detail(), alternatives, explanation);
        boolean written = assignments.reject(request.bookingId(), attempt,
                new AssignmentRecord.Rejection(infeasible.reason(), infeasible.detail(), alternatives), explanation, rejected, request, now);
        if (written) {
            log.info("Booking {} rejected: {} ({})", request.bookingId(), infeasible.reason(), infeasible.detail());
        }
    }

    /**
     * The nearest free alternatives: the requested day first, from the snapshot already read, then the
     * following days from one more snapshot read only when the requested day has too few.
     */
    private List<Alternative> alternatives(PlanningSnapshot sameDay, SessionRequest wanted, RejectionReason reason) {
        if (reason == RejectionReason.NO_QUALIFIED_THERAPIST) {
            return List.of();
        }
        Branch branch = sameDay.branch();
        Instant now = clock.instant();
        LocalDate day = branch.localDateOf(wanted.session().start());
        List<Alternative> found = new ArrayList<>(SlotSearch.alternatives(sameDay, wanted, List.of(day), now, ALTERNATIVES));
        if (found.size() < ALTERNATIVES) {
            List<LocalDate> later = day.plusDays(1).datesUntil(day.plusDays(ALTERNATIVE_DAYS_AFTER + 1)).toList();
            PlanningSnapshot laterDays = snapshots.load(branch, sameDay.therapists(), later);
            found.addAll(SlotSearch.alternatives(laterDays, wanted, later, now, ALTERNATIVES - found.size()));
        }
        return found;
    }

    private static <T> Optional<T> first(List<T> options, Predicate<T> reserved) {
        for (T option : options) {
            if (reserved.test(option)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    private static Instant endOf(BookingRequested request) {
        return request.end() != null ? request.end() : request.start().plusSeconds(60L * request.durationMinutes());
    }

    /** A request without these can never be planned: it goes to the dead-letter topic at once. */
    private static void requireComplete(BookingRequested request) {
        if (request.bookingId() == null || request.branchId() == null || request.technique() == null || request.start() == null
                || (request.end() == null && request.durationMinutes() <= 0)) {
            throw new IllegalArgumentException("BookingRequested " + request.eventId() + " lacks bookingId, branchId, technique, start or end");
        }
    }
}
