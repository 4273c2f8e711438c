package app.sabai.therapist.planning;

import app.sabai.contracts.values.CandidateVerdict;
import app.sabai.therapist.staff.Therapist;

import java.util.ArrayList;
import java.util.List;

/** A therapist who meets every hard rule, their place in the ranking (1 = best) and what put them there. */
public record RankedCandidate(Therapist therapist, int rank, Standing standing) {

    /** What the ranking weighed, in its order; {@code load} is the sessions the therapist gives that day. */
    public record Standing(boolean preferred, boolean genderMatch, boolean continuity, boolean seniorWhenFlagged, int load,
                           boolean home) {
    }

    /** The standing in words, worded when read: an availability search ranks every free therapist at every start. */
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (standing.preferred()) {
            reasons.add("the customer's preferred therapist");
        }
        if (standing.genderMatch()) {
            reasons.add("matches the gender preference");
        }
        if (standing.continuity()) {
            reasons.add("continuity: gave the customer's previous session");
        }
        if (standing.seniorWhenFlagged()) {
            reasons.add("senior, for an intake with care notes");
        }
        reasons.add(standing.load() == 1 ? "1 session that day" : standing.load() + " sessions that day");
        if (!standing.home()) {
            reasons.add("covering from " + therapist.homeBranchId());
        }
        return List.copyOf(reasons);
    }

    public CandidateVerdict verdict() {
        return new CandidateVerdict(therapist.id(), therapist.name(), null, String.join("; ", reasons()), rank);
    }
}
