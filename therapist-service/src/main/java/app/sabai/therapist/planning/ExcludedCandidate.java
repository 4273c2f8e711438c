package app.sabai.therapist.planning;

import app.sabai.contracts.values.CandidateVerdict;
import app.sabai.therapist.staff.Therapist;

/** A therapist a hard rule kept from the session, and which. */
public record ExcludedCandidate(Therapist therapist, Exclusion exclusion) {

    public CandidateVerdict verdict() {
        return new CandidateVerdict(therapist.id(), therapist.name(), exclusion.rule().name(), exclusion.detail(), null);
    }
}
