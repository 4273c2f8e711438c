package app.sabai.contracts.values;

public enum Pressure {
    LIGHT,
    MEDIUM,
    FIRM
}
