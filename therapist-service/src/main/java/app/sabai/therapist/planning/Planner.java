package app.sabai.therapist.planning;

import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.values.CandidateVerdict;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.EquipmentKind;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.TechniqueNeeds;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans one session against a snapshot: the branch must offer the technique and be open for the whole
 * session; each therapist is held to the hard rules; a suitable room and the equipment must be free;
 * the therapists left are ranked. The result is a value that explains itself.
 */
public final class Planner {

    /** Stands for the refusals {@link #feasible} does not word; never handed out. */
    private static final Plan.Infeasible NOT_WORDED = new Plan.Infeasible(null, null, List.of());

    private Planner() {
    }

    public static Plan plan(PlanningSnapshot snapshot, SessionRequest request) {
        return plan(snapshot, request, true);
    }

    /**
     * The plan when the session can be had, otherwise empty, without wording who was kept from it and why: a search
     * plans every start it tries, keeps those that can be had, and would read none of that wording.
     */
    public static Optional<Plan.Feasible> feasible(PlanningSnapshot snapshot, SessionRequest request) {
        return plan(snapshot, request, false) instanceof Plan.Feasible feasible ? Optional.of(feasible) : Optional.empty();
    }

    private static Plan plan(PlanningSnapshot snapshot, SessionRequest request, boolean worded) {
        Branch branch = snapshot.branch();
        Interval session = request.session();
        if (!branch.offers(request.technique())) {
            return new Plan.Infeasible(RejectionReason.NO_QUALIFIED_THERAPIST,
                    branch.name() + " does not offer " + request.technique(), List.of());
        }
        LocalDate date = date(branch, session);
        Optional<String> closed = outsideOpeningHours(branch, session, date);
        if (closed.isPresent()) {
            return new Plan.Infeasible(RejectionReason.OUTSIDE_OPENING_HOURS, closed.get(), List.of());
        }

        Interval blocked = branch.blockedFor(session);
        List<Therapist> eligible = new ArrayList<>();
        List<ExcludedCandidate> excluded = new ArrayList<>();
        boolean anyQualified = false;
        for (Therapist therapist : considered(snapshot, request)) {
            Optional<Exclusion> exclusion = HardRules.firstBroken(therapist, snapshot, request, date, blocked);
            if (exclusion.isEmpty()) {
                eligible.add(therapist);
            } else {
                anyQualified |= !exclusion.get().rule().isQualification();
                excluded.add(new ExcludedCandidate(therapist, exclusion.get()));
            }
        }
        List<RankedCandidate> ranked = Ranking.rank(eligible, snapshot, request, date);
        if (ranked.isEmpty()) {
            return worded ? nobody(snapshot, request, anyQualified, excluded) : NOT_WORDED;
        }

        List<Room> rooms = new ArrayList<>();
        if (!branch.mobile()) {
            List<Room> suitable = snapshot.roomsFor(request.technique());
            for (Room room : suitable) {
                if (snapshot.occupancy().isFree(snapshot.resource(room), blocked, request.bookingId())) {
                    rooms.add(room);
                }
            }
            if (rooms.isEmpty()) {
                return worded ? new Plan.Infeasible(RejectionReason.NO_ROOM_AVAILABLE, suitable.isEmpty()
                        ? branch.name() + " has no room for " + request.technique()
                        : "Every room for " + request.technique() + " is taken " + when(branch, session), Plan.verdictsOf(ranked, excluded))
                        : NOT_WORDED;
            }
        }

        Optional<EquipmentKind> kind = branch.mobile() ? Optional.empty() : TechniqueNeeds.equipment(request.technique());
        List<EquipmentUnit> units = new ArrayList<>();
        if (kind.isPresent()) {
            List<EquipmentUnit> all = branch.unitsOf(kind.get());
            for (EquipmentUnit unit : all) {
                if (snapshot.occupancy().isFree(snapshot.resource(unit), blocked, request.bookingId())) {
                    units.add(unit);
                }
            }
            if (units.isEmpty()) {
                return worded ? new Plan.Infeasible(RejectionReason.NO_EQUIPMENT_AVAILABLE, all.isEmpty()
                        ? branch.name() + " has no " + describe(kind.get())
                        : "Every " + describe(kind.get()) + " is in use " + when(branch, session), Plan.verdictsOf(ranked, excluded))
                        : NOT_WORDED;
            }
        }
        return new Plan.Feasible(ranked, rooms, kind, units, session, blocked, excluded);
    }

    /** Nobody can give the session: the therapist staff named, or every qualified one, is kept from it, or nobody is qualified. */
    private static Plan.Infeasible nobody(PlanningSnapshot snapshot, SessionRequest request, boolean anyQualified,
                                          List<ExcludedCandidate> excluded) {
        Branch branch = snapshot.branch();
        List<CandidateVerdict> verdicts = Plan.verdictsOf(List.of(), excluded);
        if (request.choice() instanceof TherapistChoice.Only(String named)) {
            return verdicts.isEmpty()
                    ? new Plan.Infeasible(RejectionReason.NO_QUALIFIED_THERAPIST, "There is no therapist '" + named + "'", verdicts)
                    : new Plan.Infeasible(anyQualified ? RejectionReason.NO_THERAPIST_AVAILABLE : RejectionReason.NO_QUALIFIED_THERAPIST,
                    verdicts.getFirst().therapistName() + " cannot give this session: " + verdicts.getFirst().detail(), verdicts);
        }
        return anyQualified
                ? new Plan.Infeasible(RejectionReason.NO_THERAPIST_AVAILABLE,
                "Every therapist qualified for " + request.technique() + " is off shift or busy " + when(branch, request.session()), verdicts)
                : new Plan.Infeasible(RejectionReason.NO_QUALIFIED_THERAPIST,
                "Nobody at " + branch.name() + " is qualified for " + request.technique()
                        + (request.requirements().prenatalCertified() || request.requirements().seniorTherapist()
                        ? " with what the intake requires" : ""), verdicts);
    }

    /** Everyone the snapshot holds, or only the therapist staff named. */
    private static List<Therapist> considered(PlanningSnapshot snapshot, SessionRequest request) {
        return switch (request.choice()) {
            case TherapistChoice.Only(String named) -> snapshot.therapist(named).map(List::of).orElse(List.of());
            case TherapistChoice.Anyone anyone -> snapshot.therapists();
            case TherapistChoice.AnyoneBut anyoneBut -> snapshot.therapists();
        };
    }

    /** Written only for a refusal: an availability search plans every start it tries, and most can be had. */
    private static String when(Branch branch, Interval session) {
        return HardRules.clock(session, branch.zone()) + " on " + branch.localDateOf(session.start());
    }

    /** Empty when the session lies within the opening hours of its local date; otherwise why not. */
    public static Optional<String> outsideOpeningHours(Branch branch, Interval session) {
        return outsideOpeningHours(branch, session, date(branch, session));
    }

    private static Optional<String> outsideOpeningHours(Branch branch, Interval session, LocalDate date) {
        Optional<OpeningHours> hours = branch.hoursOn(date);
        if (hours.isEmpty()) {
            return Optional.of(branch.closedOn(date)
                    ? branch.name() + " is closed on " + date
                    : branch.name() + " is closed on " + date.getDayOfWeek().toString().toLowerCase() + "s");
        }
        Interval open = branch.openOn(date).orElseThrow();
        if (!open.contains(session)) {
            return Optional.of(branch.name() + " is open " + hours.get().opens() + "–" + hours.get().closes() + " on "
                    + date + "; the session " + HardRules.clock(session, branch.zone()) + " does not fit");
        }
        return Optional.empty();
    }

    public static String describe(EquipmentKind kind) {
        return switch (kind) {
            case STONE_HEATER -> "stone heater";
            case HAMMER_SET -> "Tok Sen hammer set";
        };
    }

    private static LocalDate date(Branch branch, Interval session) {
        return branch.localDateOf(session.start());
    }
}
