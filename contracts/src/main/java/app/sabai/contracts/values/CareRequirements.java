package app.sabai.contracts.values;

import java.util.List;

/**
 * What the intake screening demands of the session: hard rules for the assignment
 * ({@code prenatalCertified}, {@code seniorTherapist}) and notes the therapist must see.
 */
public record CareRequirements(
        boolean prenatalCertified,
        boolean seniorTherapist,
        boolean gentlePressureOnly,
        List<BodyArea> excludedAreas,
        List<String> notesForTherapist) {

    public CareRequirements {
        excludedAreas = excludedAreas == null ? List.of() : List.copyOf(excludedAreas);
        notesForTherapist = notesForTherapist == null ? List.of() : List.copyOf(notesForTherapist);
    }

    public static CareRequirements none() {
        return new CareRequirements(false, false, false, List.of(), List.of());
    }
}
