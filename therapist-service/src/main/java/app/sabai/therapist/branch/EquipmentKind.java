package app.sabai.therapist.branch;

/** Equipment a branch has a fixed number of and that a session holds for its whole length. */
public enum EquipmentKind {
    STONE_HEATER,
    HAMMER_SET
}
