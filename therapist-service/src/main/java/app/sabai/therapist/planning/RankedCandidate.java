package app.sabai.therapist.planning;

import app.sabai.contracts.values.CandidateVerdict;
import app.sabai.therapist.staff.Therapist;

import java.util.List;

/** A therapist who meets every hard rule, their place in the ranking (1 = best) and what put them there. */
public record RankedCandidate(Therapist therapist, int rank, List<String> reasons) {

    public RankedCandidate {
        reasons = List.copyOf(reasons);
    }

    public CandidateVerdict verdict() {
        return new CandidateVerdict(therapist.id(), therapist.name(), null, String.join("; ", reasons), rank);
    }
}
