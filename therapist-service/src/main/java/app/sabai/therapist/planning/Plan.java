package app.sabai.therapist.planning;

import app.sabai.contracts.values.CandidateVerdict;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.therapist.branch.EquipmentKind;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.time.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The outcome of planning one session against a snapshot: what can be tried, or why nothing can. */
public sealed interface Plan {

    /** Every therapist considered: excluded ones with the rule, eligible ones with their rank. */
    List<CandidateVerdict> verdicts();

    /** The ranked therapists, then the excluded ones, in words. */
    static List<CandidateVerdict> verdictsOf(List<RankedCandidate> ranked, List<ExcludedCandidate> excluded) {
        List<CandidateVerdict> verdicts = new ArrayList<>(ranked.size() + excluded.size());
        ranked.forEach(candidate -> verdicts.add(candidate.verdict()));
        excluded.forEach(candidate -> verdicts.add(candidate.verdict()));
        return List.copyOf(verdicts);
    }

    /**
     * Therapists in ranked order and the rooms and equipment units that were free, best first. The
     * snapshot may be stale by the time they are reserved; a lost race moves on to the next option.
     */
    record Feasible(
            List<RankedCandidate> candidates,
            List<Room> rooms,
            Optional<EquipmentKind> equipmentKind,
            List<EquipmentUnit> units,
            Interval session,
            Interval blocked,
            List<ExcludedCandidate> excluded) implements Plan {

        public Feasible {
            candidates = List.copyOf(candidates);
            rooms = List.copyOf(rooms);
            units = List.copyOf(units);
            excluded = List.copyOf(excluded);
        }

        /** Worded when asked for: an availability search plans every start it tries and never asks. */
        @Override
        public List<CandidateVerdict> verdicts() {
            return verdictsOf(candidates, excluded);
        }

        public RankedCandidate best() {
            return candidates.getFirst();
        }
    }

    record Infeasible(RejectionReason reason, String detail, List<CandidateVerdict> verdicts) implements Plan {

        public Infeasible {
            verdicts = List.copyOf(verdicts);
        }
    }
}
