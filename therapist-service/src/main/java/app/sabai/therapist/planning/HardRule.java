package app.sabai.therapist.planning;

/**
 * The rules a therapist must meet to be given a session, in the order they are checked. The first four
 * say whether someone is qualified at all; the last two whether they are available at that time.
 */
public enum HardRule {
    WORKS_AT_BRANCH,
    HAS_SKILL,
    PRENATAL_CERTIFIED,
    SENIOR_LEVEL,
    ON_SHIFT,
    NO_OVERLAP;

    public boolean isQualification() {
        return compareTo(ON_SHIFT) < 0;
    }
}
