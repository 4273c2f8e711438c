package app.sabai.therapist.schedule;

/** The three kinds of day documents that hold reservations, reserved in this order for every booking. */
public enum Ledger {
    THERAPISTS("therapist_days"),
    ROOMS("room_days"),
    EQUIPMENT("equipment_days");

    private final String collection;

    Ledger(String collection) {
        this.collection = collection;
    }

    public String collection() {
        return collection;
    }
}
