package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.support.kafka.EventHandler;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.Explanations;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.adapter.BranchCatalogue;
import app.sabai.therapist.planning.Plan;
import app.sabai.therapist.planning.SessionRequest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Finds a therapist, room and equipment for a requested booking and decides it exactly once, however
 * often the request arrives and however many instances process it at the same time:
 * <ol>
 *   <li>open the booking's {@code assignments} document and claim a new attempt number, unless decided;</li>
 *   <li>release whatever earlier attempts of the booking still hold (a crash, a lost race);</li>
 *   <li>place the session with the reservation engine (plan, hold, and confirm any refusal afresh);</li>
 *   <li>write the decision and its event in one update guarded by {@code PLANNING} and the attempt number;
 *       if another attempt decided meanwhile, release this attempt's holdings.</li>
 * </ol>
 */
@Service
public class AssignmentService {

    private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);

    private final Assignments assignments;
    private final BranchCatalogue catalogue;
    private final TherapistDirectory directory;
    private final ReservationEngine engine;
    private final Reservations reservations;
    private final Alternatives alternatives;
    private final Continuity continuity;
    private final Clock clock;

    AssignmentService(Assignments assignments, BranchCatalogue catalogue, TherapistDirectory directory, ReservationEngine engine,
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

    public void handle(BookingRequested request) {
        Continuity.Hints hints = continuity.hintsFor(List.of(visitorOf(request)));
        planned(request, hints, () -> { })
                .ifPresent(planned -> continuity.remember(planned.after(assignments.decide(planned.decision())).stream().toList()));
    }

    /**
     * Requests for different bookings from one poll: their documents opened and claimed in one request, then each planned
     * in its record's trace, in their order, on what this instance knows and what those before it hold (each sees what they
     * took). What they hold is filed together, one request per kind of resource, and their decisions written in one more;
     * what follows each decision is done in its trace again. A request whose first plan is infeasible first has the row
     * before it filed and written, then is planned as one alone would be, since a refusal is made on the store and waits for
     * whatever stands in its way to be decided. A request refused where it filed (another instance or a staff move got
     * there first) gives back what it got and is placed again alone, after the others are written. A request whose
     * planning fails ends the row: what was planned before it is filed and written, then the failure is the run's.
     * Continuity is read for the whole row at once, and the therapists the row gives are remembered together after it.
     */
    public void handleTogether(List<EventHandler.Heard<BookingRequested>> requests) {
        Continuity.Hints hints = continuity.hintsFor(requests.stream().map(heard -> visitorOf(heard.event())).toList());
        Row row = new Row(hints);
        List<BookingRequested> claimable = requests.stream().map(EventHandler.Heard::event).takeWhile(AssignmentService::isComplete).toList();
        List<OptionalInt> claims = assignments.openAndClaimAll(claimable, clock.instant());
        RuntimeException failed = null;
        for (int i = 0; i < requests.size(); i++) {
            EventHandler.Heard<BookingRequested> heard = requests.get(i);
            OptionalInt claimed = i < claims.size() ? claims.get(i) : null;
            try {
                heard.inTrace(() -> {
                    requireComplete(heard.event());
                    row.plan(heard, claimed);
                    return null;
                });
            } catch (RuntimeException e) {
                failed = e;
                break;
            }
        }
        row.write();
        row.after();
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * The requests of a row: what each was planned, whether its decision was written, and what they hold and have not filed.
     * The decisions before {@code writtenUpTo} were written or found overtaken.
     */
    private final class Row {

        private final Continuity.Hints hints;
        private final UnfiledHoldings unfiled = new UnfiledHoldings();
        private final List<Entry> entries = new ArrayList<>();
        private int writtenUpTo;

        Row(Continuity.Hints hints) {
            this.hints = hints;
        }

        /** A request of the row, the attempt it claimed, its branch (null when it has none), its decision, and whether written. */
        private record Entry(EventHandler.Heard<BookingRequested> heard, int attempt, Branch branch, Planned planned, boolean written) {

            String bookingId() {
                return heard.event().bookingId();
            }

            Entry written(boolean wrote) {
                return new Entry(heard, attempt, branch, planned, wrote);
            }
        }

        /** Plans the request under the attempt it claimed (empty: decided already), in the row when it is its first attempt. */
        void plan(EventHandler.Heard<BookingRequested> heard, OptionalInt claimed) {
            BookingRequested request = heard.event();
            if (claimed.isEmpty()) {
                log.debug("Booking {} is already decided; request {} changes nothing", request.bookingId(), request.eventId());
                return;
            }
            int attempt = claimed.getAsInt();
            Optional<Branch> branch = catalogue.find(request.branchId());
            Planned planned;
            if (branch.isEmpty()) {
                planned = noSuchBranch(request, attempt);
            } else if (attempt == 1) {
                planned = placedInRow(request, branch.get(), hints, this)
                        .orElseGet(() -> {
                            write();
                            return AssignmentService.this.plan(request, attempt, branch.get(), hints, this::write);
                        });
            } else {
                // A request seen before: what it left is released and it is planned as one alone is, on what the row filed.
                write();
                planned = AssignmentService.this.plan(request, attempt, branch.get(), hints, this::write);
            }
            entries.add(new Entry(heard, attempt, branch.orElse(null), planned, false));
        }

        /**
         * Files what the row holds, then writes the decisions not written yet whose holdings landed, in one request. Each
         * request refused where it filed holds nothing by then and leaves the row: it is placed again alone, in its trace,
         * once the others are written (a refusal waits for what stands in its way to be decided), and its decision written
         * at once; should that fail, it is left to the retry as a request that failed.
         */
        void write() {
            Set<String> refused = unfiled.file(reservations);
            List<Entry> unwritten = List.copyOf(entries.subList(writtenUpTo, entries.size()));
            entries.subList(writtenUpTo, entries.size()).clear();
            List<Entry> held = unwritten.stream().filter(entry -> !refused.contains(entry.bookingId())).toList();
            Set<String> wrote = assignments.decide(held.stream().map(entry -> entry.planned().decision()).toList());
            held.forEach(entry -> entries.add(entry.written(wrote.contains(entry.bookingId()))));
            writtenUpTo = entries.size();
            for (Entry entry : unwritten) {
                if (refused.contains(entry.bookingId())) {
                    log.debug("Booking {} lost what it planned in its row to a concurrent writer; placing it again", entry.bookingId());
                    entries.add(entry.heard().inTrace(() -> {
                        Planned again = AssignmentService.this.plan(entry.heard().event(), entry.attempt(), entry.branch(), hints, () -> { });
                        return new Entry(entry.heard(), entry.attempt(), entry.branch(), again,
                                assignments.decide(List.of(again.decision())).contains(entry.bookingId()));
                    }));
                    writtenUpTo = entries.size();
                }
            }
        }

        /** What follows each decision, in its request's trace; then the visits of those written, remembered together. */
        void after() {
            List<Continuity.Visit> visits = new ArrayList<>();
            for (Entry entry : entries) {
                entry.heard().inTrace(() -> entry.planned().after(entry.written())).ifPresent(visits::add);
            }
            continuity.remember(visits);
        }
    }

    /** The request's decision, planned and placed but not written; empty when the booking is decided already. */
    private Optional<Planned> planned(BookingRequested request, Continuity.Hints hints, Runnable beforeRefusing) {
        requireComplete(request);
        OptionalInt claimed = assignments.openAndClaim(request, clock.instant());
        if (claimed.isEmpty()) {
            log.debug("Booking {} is already decided; request {} changes nothing", request.bookingId(), request.eventId());
            return Optional.empty();
        }
        int attempt = claimed.getAsInt();
        Optional<Branch> branch = catalogue.find(request.branchId());
        if (branch.isEmpty()) {
            return Optional.of(noSuchBranch(request, attempt));
        }
        return Optional.of(plan(request, attempt, branch.get(), hints, beforeRefusing));
    }

    private Planned noSuchBranch(BookingRequested request, int attempt) {
        return rejecting(request, attempt, new Plan.Infeasible(RejectionReason.NO_QUALIFIED_THERAPIST,
                "There is no branch '" + request.branchId() + "'", List.of()), List.of());
    }

    /**
     * The request failed for good and went to the dead-letter topic: whatever its attempts hold is released
     * and the booking stays open, so replaying the request from the dead-letter topic decides it.
     */
    public void abandoned(BookingRequested request) {
        if (request.bookingId() == null || request.branchId() == null || request.start() == null) {
            return;
        }
        Optional<Branch> branch = catalogue.find(request.branchId());
        OptionalInt claimed = assignments.abandonPlanning(request.bookingId());
        if (branch.isEmpty() || claimed.isEmpty()) {
            return;
        }
        Interval session = new Interval(request.start(), endOf(request));
        List<Therapist> therapists = directory.forPlanning(branch.get().id(), preferredTherapist(request));
        reservations.releaseEarlierAttempts(SnapshotLoader.resources(branch.get(), therapists),
                branch.get().blockedFor(session), request.bookingId(), claimed.getAsInt());
        log.warn("Booking {} went to the dead-letter topic; released what its attempts held", request.bookingId());
    }

    private Planned plan(BookingRequested request, int attempt, Branch branch, Continuity.Hints hints, Runnable beforeRefusing) {
        List<Therapist> therapists = directory.forPlanning(branch.id(), preferredTherapist(request));
        SessionRequest wanted = wanted(request, hints);
        if (attempt > 1) {
            reservations.releaseEarlierAttempts(SnapshotLoader.resources(branch, therapists), branch.blockedFor(wanted.session()),
                    request.bookingId(), attempt);
        }
        return switch (engine.place(branch, therapists, wanted, attempt, List.of(), beforeRefusing)) {
            case Placement.Placed placed -> placed(request, attempt, branch, hints, placed);
            case Placement.Refused refused ->
                    rejecting(request, attempt, refused.why(), alternatives.nearest(refused.snapshot(), wanted, refused.why().reason()));
            case Placement.Contended contended -> throw new IllegalStateException(contended.why() + "; the request is retried");
        };
    }

    /** A first attempt's decision placed in a row, its holdings left for the row to file; empty when its first plan is infeasible. */
    private Optional<Planned> placedInRow(BookingRequested request, Branch branch, Continuity.Hints hints, Row row) {
        List<Therapist> therapists = directory.forPlanning(branch.id(), preferredTherapist(request));
        return engine.placeInRow(branch, therapists, wanted(request, hints), 1, row.unfiled)
                .map(placed -> placed(request, 1, branch, hints, placed));
    }

    private SessionRequest wanted(BookingRequested request, Continuity.Hints hints) {
        return new SessionRequest(request.bookingId(), request.technique(), new Interval(request.start(), endOf(request)),
                request.requirements(), request.preferences(), hints.previousTherapist(visitorOf(request)).orElse(null));
    }

    private Planned placed(BookingRequested request, int attempt, Branch branch, Continuity.Hints hints, Placement.Placed placed) {
        hints.assigned(visitorOf(request), placed.candidate().therapist().id());
        return assigning(request, attempt, branch, placed);
    }

    private Planned assigning(BookingRequested request, int attempt, Branch branch, Placement.Placed placed) {
        Therapist therapist = placed.candidate().therapist();
        List<String> equipmentIds = placed.unit().map(u -> List.of(u.id())).orElse(List.of());
        String roomId = placed.room().map(Room::id).orElse(null);
        Plan.Feasible feasible = placed.plan();
        AssignmentExplanation explanation = new AssignmentExplanation(feasible.verdicts(), Explanations.winner(placed.candidate(),
                feasible.candidates().size(), placed.room(), placed.unit(), placed.takenMeanwhile()));
        Instant now = clock.instant();
        TherapistAssigned assigned = new TherapistAssigned(UUID.randomUUID(), now, request.bookingId(), branch.id(),
                therapist.id(), therapist.name(), roomId, equipmentIds, feasible.session().start(), feasible.session().end(), explanation);
        AssignmentRecord.Reservation reservation = new AssignmentRecord.Reservation(therapist.id(), therapist.name(), roomId,
                equipmentIds, feasible.blocked().start(), feasible.blocked().end(),
                placed.holdings().stream().map(AssignmentRecord.Held::of).toList());

        return new Planned(assignments.assigning(request.bookingId(), attempt, reservation, explanation, assigned, request, now),
                Optional.of(new Continuity.Visit(visitorOf(request), therapist.id(), now)),
                () -> log.info("Booking {} assigned to {} ({})", request.bookingId(), therapist.id(), explanation.summary()), () -> {
            log.info("Booking {} was decided by another attempt; releasing what attempt {} held", request.bookingId(), attempt);
            engine.release(placed.taken(), request.bookingId());
        });
    }

    private Planned rejecting(BookingRequested request, int attempt, Plan.Infeasible infeasible, List<Alternative> offered) {
        Instant now = clock.instant();
        AssignmentExplanation explanation = new AssignmentExplanation(infeasible.verdicts(), infeasible.detail());
        AssignmentRejected rejected = new AssignmentRejected(UUID.randomUUID(), now, request.bookingId(), request.branchId(),
                infeasible.reason(), infeasible.detail(), offered, explanation);
        return new Planned(assignments.rejecting(request.bookingId(), attempt,
                new AssignmentRecord.Rejection(infeasible.reason(), infeasible.detail(), offered), explanation, rejected, request, now),
                Optional.empty(), () -> log.info("Booking {} rejected: {} ({})", request.bookingId(), infeasible.reason(), infeasible.detail()),
                () -> { });
    }

    /**
     * A decision planned and placed, the visit to remember once it is written, what follows once it is written, and what
     * follows when another attempt won.
     */
    private record Planned(Assignments.Decision decision, Optional<Continuity.Visit> visit, Runnable whenWritten, Runnable whenLost) {

        /** Runs what follows the decision; answers the visit to remember when it was written. */
        Optional<Continuity.Visit> after(boolean written) {
            (written ? whenWritten : whenLost).run();
            return written ? visit : Optional.empty();
        }
    }

    private static Continuity.Visitor visitorOf(BookingRequested request) {
        return new Continuity.Visitor(request.customer() == null ? null : request.customer().email(), request.courseId());
    }

    private static String preferredTherapist(BookingRequested request) {
        return request.preferences() == null ? null : request.preferences().therapistId();
    }

    private static Instant endOf(BookingRequested request) {
        return request.end() != null ? request.end() : request.start().plusSeconds(60L * request.durationMinutes());
    }

    /** A request without these can never be planned: it goes to the dead-letter topic at once. */
    private static void requireComplete(BookingRequested request) {
        if (!isComplete(request)) {
            throw new IllegalArgumentException("BookingRequested " + request.eventId() + " lacks bookingId, branchId, technique, start or end");
        }
    }

    private static boolean isComplete(BookingRequested request) {
        return request.bookingId() != null && request.branchId() != null && request.technique() != null && request.start() != null
                && (request.end() != null || request.durationMinutes() > 0);
    }
}
