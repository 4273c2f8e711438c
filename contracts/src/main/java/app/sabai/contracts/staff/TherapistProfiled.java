package app.sabai.contracts.staff;

import app.sabai.contracts.EventType;
import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A therapist's whole profile, re-published whenever staff create or change it: where they work, what they
 * are trained in, the languages they speak with customers. {@code active} is false once they left the chain.
 * Nothing private (no contact details) travels here.
 */
@EventType("sabai.staff.TherapistProfiled.v1")
public record TherapistProfiled(
        UUID eventId,
        Instant occurredAt,
        String therapistId,
        String name,
        Gender gender,
        String level,
        String homeBranchId,
        List<String> coveringBranchIds,
        List<Technique> skills,
        List<String> certifications,
        List<String> languages,
        boolean active) implements StaffEvent {

    public TherapistProfiled {
        coveringBranchIds = coveringBranchIds == null ? List.of() : List.copyOf(coveringBranchIds);
        skills = skills == null ? List.of() : List.copyOf(skills);
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }
}
