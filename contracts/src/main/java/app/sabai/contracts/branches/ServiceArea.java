package app.sabai.contracts.branches;

import java.util.List;

/** Where a mobile branch visits homes, as postcode districts (e.g. {@code L1}, {@code CH41}, {@code WA4}). */
public record ServiceArea(String name, List<String> postcodeDistricts) {

    public ServiceArea {
        postcodeDistricts = postcodeDistricts == null ? List.of() : List.copyOf(postcodeDistricts);
    }
}
