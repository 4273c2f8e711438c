package app.sabai.booking.intake;

/** A pregnancy in its {@code week} (1 to 42); the trimester follows from the week. */
public record Pregnancy(int week) {

    public int trimester() {
        if (week <= 13) {
            return 1;
        }
        return week <= 27 ? 2 : 3;
    }
}
