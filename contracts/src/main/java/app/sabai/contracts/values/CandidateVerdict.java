package app.sabai.contracts.values;

/**
 * How one therapist fared in an assignment decision: excluded by a hard rule (named, with the detail),
 * or ranked, with the score that ordered the eligible ones.
 */
public record CandidateVerdict(String therapistId, String therapistName, String excludedBy, String detail, Integer rank) {

    public boolean eligible() {
        return excludedBy == null;
    }
}
