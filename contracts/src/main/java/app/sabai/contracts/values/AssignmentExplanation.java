package app.sabai.contracts.values;

import java.util.List;

/** A decision that explains itself: every therapist considered, why each was excluded, why the winner won. */
public record AssignmentExplanation(List<CandidateVerdict> considered, String summary) {

    public AssignmentExplanation {
        considered = considered == null ? List.of() : List.copyOf(considered);
    }
}
