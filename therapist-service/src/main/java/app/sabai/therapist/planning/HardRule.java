package app.sabai.therapist.planning;

/**
 * The rules a therapist must meet to be given a session, in the order they are checked. The first ones
 * say whether someone is qualified at all; the last three whether they are available at that time.
 */
public enum HardRule {
    /** A reassignment looks for someone else than the therapist who has the session now. */
    NOT_THE_CURRENT_THERAPIST,
    WORKS_AT_BRANCH,
    HAS_SKILL,
    PRENATAL_CERTIFIED,
    SENIOR_LEVEL,
    ON_SHIFT,
    NOT_ABSENT,
    NO_OVERLAP;

    public boolean isQualification() {
        return compareTo(ON_SHIFT) < 0;
    }
}
