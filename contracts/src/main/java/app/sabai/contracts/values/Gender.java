package app.sabai.contracts.values;

public enum Gender {
    FEMALE,
    MALE,
    NON_BINARY
}
