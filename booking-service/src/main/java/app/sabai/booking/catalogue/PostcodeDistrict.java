package app.sabai.booking.catalogue;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The district a postcode belongs to, as service areas list them: the outward code of a UK postcode
 * ({@code CH41 4AA} and {@code ch414aa} are both {@code CH41}); any other postcode as it is, normalised.
 */
public final class PostcodeDistrict {

    private static final Pattern UK_FULL = Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$");

    private PostcodeDistrict() {
    }

    public static String of(String postcode) {
        String compact = normalise(postcode).replace(" ", "");
        var uk = UK_FULL.matcher(compact);
        if (uk.matches()) {
            return uk.group(1);
        }
        String normalised = normalise(postcode);
        int space = normalised.indexOf(' ');
        return space > 0 ? normalised.substring(0, space) : normalised;
    }

    static String normalise(String postcode) {
        return postcode == null ? "" : postcode.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
