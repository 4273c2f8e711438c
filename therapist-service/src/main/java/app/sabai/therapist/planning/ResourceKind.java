package app.sabai.therapist.planning;

/** What a session holds for its whole blocked interval, reserved in this order for every booking. */
public enum ResourceKind {
    THERAPIST,
    ROOM,
    EQUIPMENT
}
