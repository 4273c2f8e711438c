package app.sabai.therapist.staff;

public enum Level {
    JUNIOR,
    /** Experienced: the screening asks for one for herniated discs, arthritis, sciatica and chronic spinal conditions. */
    SENIOR
}
