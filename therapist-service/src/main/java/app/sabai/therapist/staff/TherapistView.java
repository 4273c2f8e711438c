package app.sabai.therapist.staff;

import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What customers and staff may see of a therapist: their work, nothing private. */
public record TherapistView(
        String id,
        String name,
        Gender gender,
        Level level,
        Set<Technique> skills,
        Set<Certification> certifications,
        List<String> languages,
        String homeBranchId,
        List<String> coveringBranchIds,
        boolean active,
        Instant deactivatedAt) {

    public static TherapistView of(Therapist therapist) {
        return new TherapistView(therapist.id(), therapist.name(), therapist.gender(), therapist.level(), therapist.skills(),
                therapist.certifications(), therapist.languages(), therapist.homeBranchId(), therapist.coveringBranchIds(),
                therapist.active(), therapist.deactivatedAt());
    }
}
