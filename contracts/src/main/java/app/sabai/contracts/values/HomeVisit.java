package app.sabai.contracts.values;

/** The address of a home visit by a mobile therapist. */
public record HomeVisit(String address, String postcode) {
}
