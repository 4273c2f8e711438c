package app.sabai.contracts.values;

/** The bookable techniques of the catalogue (ARCHITECTURE §9). Strokes are parts of a session, not techniques. */
public enum Technique {
    SWEDISH,
    DEEP_TISSUE,
    TRIGGER_POINT,
    MYOFASCIAL_RELEASE,
    LYMPHATIC_DRAINAGE,
    SPORTS,
    THAI,
    SABAI,
    TOK_SEN,
    GUA_SHA,
    HOT_STONE,
    AYURVEDIC,
    ACUPRESSURE,
    PRENATAL
}
