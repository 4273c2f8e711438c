package app.sabai.booking.intake;

/** Health conditions an intake can declare; the screening knows what each one means for a session. */
public enum Condition {
    HERNIATED_DISC,
    ARTHRITIS,
    SCIATICA,
    CHRONIC_SPINAL_CONDITION,
    SEVERE_PAIN,
    LIMB_NUMBNESS,
    FRAGILE_BONES,
    BROKEN_BONES,
    OPEN_WOUNDS
}
