package app.sabai.therapist.planning;

/** A hard rule a therapist broke, and the particulars a member of staff would want to read. */
public record Exclusion(HardRule rule, String detail) {
}
