package app.sabai.therapist.staff;

import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.Technique;

import java.util.List;

/**
 * {@code POST /api/branches/{branchId}/therapists} (the branch becomes their home branch; {@code id} is made
 * from the name when not given) and {@code PUT …/therapists/{therapistId}} (the whole profile; a
 * {@code homeBranchId} moves them to another branch).
 */
public record TherapistRequest(
        String id,
        String name,
        Gender gender,
        Level level,
        List<Technique> skills,
        List<Certification> certifications,
        List<String> languages,
        String homeBranchId,
        List<String> coveringBranchIds) {
}
