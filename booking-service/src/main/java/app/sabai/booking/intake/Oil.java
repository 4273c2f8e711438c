package app.sabai.booking.intake;

/** Massage oils a customer may be allergic to. */
public enum Oil {
    ALMOND,
    COCONUT,
    JOJOBA,
    SESAME,
    OLIVE,
    GRAPESEED,
    ARGAN
}
