package app.sabai.therapist.absence;

/** Why a therapist is away. */
public enum AbsenceReason {
    SICK,
    LEAVE,
    TRAINING,
    OTHER
}
