package app.sabai.contracts.values;

public enum GenderPreference {
    ANY,
    FEMALE,
    MALE
}
