package app.sabai.booking.intake;

import java.util.List;
import java.util.Set;

/**
 * What a customer answered before a first session. {@code pregnancy} and {@code recentSurgery} are null
 * when they do not apply; {@code age} is null when not given.
 */
public record Intake(
        Set<Condition> conditions,
        List<Injury> injuries,
        Pregnancy pregnancy,
        boolean breastfeeding,
        RecentSurgery recentSurgery,
        Set<Oil> allergies,
        String medication,
        Integer age) {

    public Intake {
        conditions = conditions == null ? Set.of() : Set.copyOf(conditions);
        injuries = injuries == null ? List.of() : List.copyOf(injuries);
        allergies = allergies == null ? Set.of() : Set.copyOf(allergies);
    }

    public static Intake nothingToDeclare() {
        return new Intake(Set.of(), List.of(), null, false, null, Set.of(), null, null);
    }

    public boolean has(Condition condition) {
        return conditions.contains(condition);
    }
}
