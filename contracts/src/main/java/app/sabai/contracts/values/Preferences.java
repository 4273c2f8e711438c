package app.sabai.contracts.values;

/** Soft wishes: honoured when possible, never a reason to refuse a booking. */
public record Preferences(String therapistId, GenderPreference therapistGender, Pressure pressure) {

    public static Preferences none() {
        return new Preferences(null, GenderPreference.ANY, Pressure.MEDIUM);
    }
}
