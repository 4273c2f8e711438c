package app.sabai.therapist.assignment.adapter;

import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Holding;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.Planner;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.RankedCandidate;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.ResourceKind;
import app.sabai.therapist.planning.SessionRequest;
import app.sabai.therapist.planning.TherapistChoice;
import app.sabai.therapist.schedule.adapter.Reservations;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one path by which every operation reserves a session: a new booking, a staff reassignment, the
 * re-plan of an absence. It plans against a snapshot (the first from what this instance holds in memory, every later
 * one from the store) and holds the best option with guarded writes, moving to the next option whenever someone else
 * got there first. A refusal is made on a snapshot read from the store, and is final only after a fresh check:
 * whatever stood in the way is looked up, what was left behind by an attempt that gave up is released, and what is
 * still being decided is waited for; then the plan is made again.
 */
@Component
public class ReservationEngine {

    private static final Logger log = LoggerFactory.getLogger(ReservationEngine.class);

    /** Re-plans on a fresh snapshot after every option was lost, or a blocker was released or was in flight. */
    static final int PLANNING_ROUNDS = 10;
    /** A move that has not finished in this long is taken to have died with its process. */
    public static final Duration MOVE_LEASE = Duration.ofMinutes(1);

    private final SnapshotLoader snapshots;
    private final Reservations reservations;
    private final Assignments assignments;
    private final Clock clock;
    private final Holdings filedAtOnce;

    ReservationEngine(SnapshotLoader snapshots, Reservations reservations, Assignments assignments, Clock clock) {
        this.snapshots = snapshots;
        this.reservations = reservations;
        this.filedAtOnce = new FiledAtOnce(reservations);
        this.assignments = assignments;
        this.clock = clock;
    }

    /**
     * Places the session for the booking under {@code attempt}. {@code kept} is what the booking holds and
     * keeps if the plan allows (its room and equipment during a reassignment); the rest is reserved anew.
     */
    public Placement place(Branch branch, List<Therapist> therapists, SessionRequest request, int attempt, List<Holding> kept) {
        return place(branch, therapists, request, attempt, kept, () -> { });
    }

    /**
     * {@link #place}, where {@code beforeRefusing} runs before the owners of what stands in the way are looked up: a caller
     * holding decisions it planned but has not written yet writes them there, or a refusal would wait for them as in flight.
     */
    public Placement place(Branch branch, List<Therapist> therapists, SessionRequest request, int attempt, List<Holding> kept,
                           Runnable beforeRefusing) {
        LocalDate day = branch.localDateOf(request.session().start());
        boolean contended = false;
        for (int round = 1; round <= PLANNING_ROUNDS; round++) {
            // The first plan is made on what this instance knows; a refusal, and every later round, on the store.
            PlanningSnapshot snapshot = round == 1 ? snapshots.fromViewFor(request, branch, therapists, day)
                    : snapshots.loadFor(request, branch, therapists, day);
            Plan plan = Planner.plan(snapshot, request);
            if (round == 1 && plan instanceof Plan.Infeasible) {
                snapshot = snapshots.loadFor(request, branch, therapists, day);
                plan = Planner.plan(snapshot, request);
            }
            switch (plan) {
                case Plan.Feasible feasible -> {
                    contended = false;
                    Optional<Placement.Placed> placed = hold(feasible, branch, request.bookingId(), attempt, kept);
                    if (placed.isPresent()) {
                        return placed.get();
                    }
                    log.debug("Booking {} lost every option of round {} to concurrent bookings; re-planning", request.bookingId(), round);
                }
                case Plan.Infeasible infeasible -> {
                    beforeRefusing.run();
                    switch (confirm(snapshot, request, branch.blockedFor(request.session()))) {
                        case FINAL -> {
                            return new Placement.Refused(infeasible, snapshot);
                        }
                        case RELEASED -> contended = false;
                        case IN_FLIGHT -> {
                            contended = true;
                            pause(round);
                        }
                    }
                }
            }
        }
        if (contended) {
            return new Placement.Contended("what stands in the way of booking " + request.bookingId()
                    + " is still being decided by another booking or move");
        }
        throw new IllegalStateException("Booking " + request.bookingId() + " lost every option in " + PLANNING_ROUNDS
                + " planning rounds; the request is retried");
    }

    /**
     * A first plan for one of a row of requests: made on what this instance knows and what the row holds and has not filed
     * ({@code unfiled}), and held there, to be filed with the rest of the row. Empty when that plan is infeasible: the caller
     * files and writes what the row holds, then {@link #place}s the request as usual, since a refusal is made on the store.
     */
    Optional<Placement.Placed> placeInRow(Branch branch, List<Therapist> therapists, SessionRequest request, int attempt,
                                          UnfiledHoldings unfiled) {
        LocalDate day = branch.localDateOf(request.session().start());
        PlanningSnapshot snapshot = unfiled.over(snapshots.fromViewFor(request, branch, therapists, day));
        if (Planner.plan(snapshot, request) instanceof Plan.Feasible feasible) {
            return hold(feasible, branch, request.bookingId(), attempt, List.of(), unfiled);
        }
        return Optional.empty();
    }

    /** Reserves therapist, room and equipment for the best candidate that can still be had. */
    Optional<Placement.Placed> hold(Plan.Feasible feasible, Branch branch, String bookingId, int attempt, List<Holding> kept) {
        return hold(feasible, branch, bookingId, attempt, kept, filedAtOnce);
    }

    /** Where a plan's holdings go: filed at once, each with a guarded write, or kept to be filed with a row's. */
    interface Holdings {

        /** True when the session is held on the resource; false when something overlapping it is there already. */
        boolean reserve(Resource resource, BookedSession session);

        /** Gives back what the holding took for the booking. */
        void release(Holding holding, String bookingId);
    }

    /** Each holding filed by its own guarded write. */
    private record FiledAtOnce(Reservations reservations) implements Holdings {

        @Override
        public boolean reserve(Resource resource, BookedSession session) {
            return reservations.reserve(resource, session);
        }

        @Override
        public void release(Holding holding, String bookingId) {
            reservations.release(holding.resource(), holding.blocked(), bookingId, holding.attempt());
        }
    }

    private Optional<Placement.Placed> hold(Plan.Feasible feasible, Branch branch, String bookingId, int attempt, List<Holding> kept,
                                            Holdings holdings) {
        BookedSession session = BookedSession.of(bookingId, attempt, branch.id(), feasible.blocked(), feasible.session());
        Optional<Holding> keptRoom = keep(kept, ResourceKind.ROOM, feasible.rooms().stream()
                .map(room -> Resource.room(branch.id(), room.id())).toList(), feasible.blocked());
        Optional<Holding> keptUnit = keep(kept, ResourceKind.EQUIPMENT, feasible.units().stream()
                .map(unit -> Resource.equipment(branch.id(), unit.id())).toList(), feasible.blocked());
        List<RankedCandidate> takenMeanwhile = new ArrayList<>();
        for (RankedCandidate candidate : feasible.candidates()) {
            List<Holding> taken = new ArrayList<>();
            Holding therapist = new Holding(Resource.therapist(candidate.therapist().id()), attempt, feasible.blocked());
            if (!holdings.reserve(therapist.resource(), session)) {
                takenMeanwhile.add(candidate);
                continue;
            }
            taken.add(therapist);
            Optional<Room> room = keptRoom.flatMap(held -> find(feasible.rooms(), r -> Resource.room(branch.id(), r.id()), held.resource()));
            boolean roomKept = room.isPresent();
            if (!branch.mobile() && room.isEmpty()) {
                room = first(feasible.rooms(), r -> Resource.room(branch.id(), r.id()), session, taken, holdings);
                if (room.isEmpty()) {
                    taken.forEach(held -> holdings.release(held, bookingId));
                    return Optional.empty();
                }
            }
            Optional<EquipmentUnit> unit = keptUnit.flatMap(held -> find(feasible.units(), u -> Resource.equipment(branch.id(), u.id()), held.resource()));
            boolean unitKept = unit.isPresent();
            if (feasible.equipmentKind().isPresent() && unit.isEmpty()) {
                unit = first(feasible.units(), u -> Resource.equipment(branch.id(), u.id()), session, taken, holdings);
                if (unit.isEmpty()) {
                    taken.forEach(held -> holdings.release(held, bookingId));
                    return Optional.empty();
                }
            }
            List<Holding> keeping = new ArrayList<>();
            if (roomKept) {
                keeping.add(keptRoom.get());
            }
            if (unitKept) {
                keeping.add(keptUnit.get());
            }
            return Optional.of(new Placement.Placed(feasible, candidate, room, unit, taken, keeping, takenMeanwhile));
        }
        return Optional.empty();
    }

    /** Releases what these holdings filed for the booking. */
    public void release(List<Holding> holdings, String bookingId) {
        holdings.forEach(held -> filedAtOnce.release(held, bookingId));
    }

    enum Check { FINAL, RELEASED, IN_FLIGHT }

    /**
     * Looks up the owners of everything that stood in the way of the request and releases what no owner
     * holds any more. FINAL when every blocker is really held, so the refusal stands.
     */
    Check confirm(PlanningSnapshot snapshot, SessionRequest request, Interval blocked) {
        Branch branch = snapshot.branch();
        List<Resource> resources = new ArrayList<>();
        snapshot.therapists().stream()
                .filter(therapist -> !(request.choice() instanceof TherapistChoice.AnyoneBut(String current) && current.equals(therapist.id())))
                .filter(therapist -> !(request.choice() instanceof TherapistChoice.Only(String named)) || named.equals(therapist.id()))
                .forEach(therapist -> resources.add(Resource.therapist(therapist.id())));
        resources.addAll(SnapshotLoader.placesFor(branch, request.technique()));
        Map<Resource, List<BookedSession>> blockers = resources.stream().collect(Collectors.toMap(Function.identity(),
                resource -> snapshot.occupancy().sessions(resource).stream()
                        .filter(session -> !session.isAbsence() && !session.heldBy(request.bookingId()))
                        .filter(session -> session.blocked().overlaps(blocked))
                        .toList()));
        Set<String> owners = new HashSet<>();
        blockers.values().forEach(sessions -> sessions.forEach(session -> owners.add(session.bookingId())));
        if (owners.isEmpty()) {
            return Check.FINAL;
        }
        Map<String, AssignmentRecord> records = assignments.holders(owners).stream()
                .collect(Collectors.toMap(AssignmentRecord::id, Function.identity()));
        boolean released = false;
        boolean inFlight = false;
        for (Map.Entry<Resource, List<BookedSession>> entry : blockers.entrySet()) {
            for (BookedSession session : entry.getValue()) {
                AssignmentRecord owner = records.get(session.bookingId());
                AssignmentRecord.Liveness liveness = owner == null ? AssignmentRecord.Liveness.STALE
                        : owner.liveness(entry.getKey(), session.attempt(), clock.instant(), MOVE_LEASE);
                switch (liveness) {
                    case HELD -> { }
                    case IN_FLIGHT -> inFlight = true;
                    case ABANDONED -> {
                        if (assignments.abortMove(owner.id(), session.attempt())) {
                            log.warn("Aborted the move of booking {} (attempt {}) that stopped answering", owner.id(), session.attempt());
                        }
                        reservations.release(entry.getKey(), session.blocked(), session.bookingId(), session.attempt());
                        released = true;
                    }
                    case STALE -> {
                        log.info("Released {} of booking {} (attempt {}) left behind by an attempt that gave up",
                                entry.getKey().id(), session.bookingId(), session.attempt());
                        reservations.release(entry.getKey(), session.blocked(), session.bookingId(), session.attempt());
                        released = true;
                    }
                }
            }
        }
        return released ? Check.RELEASED : inFlight ? Check.IN_FLIGHT : Check.FINAL;
    }

    private static Optional<Holding> keep(List<Holding> kept, ResourceKind kind, List<Resource> usable, Interval blocked) {
        return kept.stream()
                .filter(held -> held.resource().kind() == kind && usable.contains(held.resource()) && held.blocked().contains(blocked))
                .findFirst();
    }

    private static <T> Optional<T> find(List<T> options, Function<T, Resource> resourceOf, Resource resource) {
        return options.stream().filter(option -> resourceOf.apply(option).equals(resource)).findFirst();
    }

    private static <T> Optional<T> first(List<T> options, Function<T, Resource> resourceOf, BookedSession session, List<Holding> taken,
                                         Holdings holdings) {
        for (T option : options) {
            Resource resource = resourceOf.apply(option);
            if (holdings.reserve(resource, session)) {
                taken.add(new Holding(resource, session.attempt(), session.blocked()));
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(400, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a concurrent decision", e);
        }
    }
}
