package app.sabai.therapist.assignment;

/** {@code PLANNING} until the one decision is written; {@code ASSIGNED} and {@code REJECTED} are final. */
public enum AssignmentStatus {
    PLANNING,
    ASSIGNED,
    REJECTED
}
