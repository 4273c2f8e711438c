package app.sabai.therapist.assignment;

/**
 * {@code PLANNING} until the one decision is written; {@code ASSIGNED} and {@code REJECTED} are that
 * decision. An assigned booking may later move to another therapist or time (still {@code ASSIGNED}), or lose
 * its therapist to an absence with nobody to take over: {@code UNASSIGNED}, room and equipment still held,
 * until staff reassign it. A cancelled booking, or one whose customer did not come, holds nothing any more:
 * {@code RELEASED}, for good.
 */
public enum AssignmentStatus {
    PLANNING,
    ASSIGNED,
    REJECTED,
    UNASSIGNED,
    RELEASED
}
