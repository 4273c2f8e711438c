package app.sabai.contracts.values;

/** Areas a booking may target. */
public enum BodyArea {
    /** Cervical-collar region. */
    NECK_AND_SHOULDERS,
    /** Thoracic region. */
    UPPER_BACK,
    /** Lumbosacral region. */
    LOWER_BACK,
    WHOLE_BACK,
    HIPS_AND_GLUTES,
    LEGS,
    ARMS,
    FEET,
    HEAD_AND_FACE,
    FULL_BODY
}
