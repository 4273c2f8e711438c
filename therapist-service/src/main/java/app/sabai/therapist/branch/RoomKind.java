package app.sabai.therapist.branch;

/** What a treatment room is furnished for. */
public enum RoomKind {
    /** A massage table: most techniques. */
    TABLE,
    /** A floor mat: Thai-style work, clothed. */
    MAT,
    /** Two tables for couples; can host a single table session when nothing else is free. */
    DOUBLE
}
