package app.sabai.therapist.staff;

import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.Technique;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A therapist of the chain: where they work, what they are trained in, how experienced they are, and the
 * languages they speak with customers. A deactivated therapist ({@code deactivatedAt} set) stays on record
 * for the bookings they gave but takes no new ones.
 */
public record Therapist(
        String id,
        String name,
        Gender gender,
        String homeBranchId,
        List<String> coveringBranchIds,
        Set<Technique> skills,
        Set<Certification> certifications,
        Level level,
        List<String> languages,
        Instant deactivatedAt) {

    public Therapist {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(homeBranchId, "homeBranchId");
        coveringBranchIds = coveringBranchIds == null ? List.of() : List.copyOf(coveringBranchIds);
        skills = ordered(skills, Technique.class);
        certifications = ordered(certifications, Certification.class);
        level = level == null ? Level.JUNIOR : level;
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    public Therapist(String id, String name, Gender gender, String homeBranchId, List<String> coveringBranchIds,
                     Set<Technique> skills, Set<Certification> certifications, Level level) {
        this(id, name, gender, homeBranchId, coveringBranchIds, skills, certifications, level, List.of(), null);
    }

    public boolean active() {
        return deactivatedAt == null;
    }

    public boolean worksAt(String branchId) {
        return homeBranchId.equals(branchId) || coveringBranchIds.contains(branchId);
    }

    public boolean skilledIn(Technique technique) {
        return skills.contains(technique);
    }

    public boolean holds(Certification certification) {
        return certifications.contains(certification);
    }

    private static <E extends Enum<E>> Set<E> ordered(Collection<E> values, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        if (values != null) {
            set.addAll(values);
        }
        return Collections.unmodifiableSet(set);
    }
}
