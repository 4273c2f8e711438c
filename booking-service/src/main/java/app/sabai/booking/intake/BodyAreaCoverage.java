package app.sabai.booking.intake;

import app.sabai.contracts.values.BodyArea;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static app.sabai.contracts.values.BodyArea.ARMS;
import static app.sabai.contracts.values.BodyArea.FEET;
import static app.sabai.contracts.values.BodyArea.HEAD_AND_FACE;
import static app.sabai.contracts.values.BodyArea.HIPS_AND_GLUTES;
import static app.sabai.contracts.values.BodyArea.LEGS;
import static app.sabai.contracts.values.BodyArea.LOWER_BACK;
import static app.sabai.contracts.values.BodyArea.NECK_AND_SHOULDERS;
import static app.sabai.contracts.values.BodyArea.UPPER_BACK;

/**
 * Which parts of the body an area covers: the whole back is neck and shoulders, upper and lower back;
 * the full body is everything. Two areas touch when they share a part.
 */
public final class BodyAreaCoverage {

    private static final Set<BodyArea> WHOLE_BACK = EnumSet.of(NECK_AND_SHOULDERS, UPPER_BACK, LOWER_BACK);
    private static final Set<BodyArea> EVERYTHING = EnumSet.of(NECK_AND_SHOULDERS, UPPER_BACK, LOWER_BACK,
            HIPS_AND_GLUTES, LEGS, ARMS, FEET, HEAD_AND_FACE);

    private BodyAreaCoverage() {
    }

    public static Set<BodyArea> partsOf(BodyArea area) {
        return switch (area) {
            case WHOLE_BACK -> EnumSet.copyOf(WHOLE_BACK);
            case FULL_BODY -> EnumSet.copyOf(EVERYTHING);
            default -> EnumSet.of(area);
        };
    }

    public static Set<BodyArea> partsOf(Collection<BodyArea> areas) {
        Set<BodyArea> parts = EnumSet.noneOf(BodyArea.class);
        areas.forEach(area -> parts.addAll(partsOf(area)));
        return parts;
    }

    public static boolean touches(BodyArea area, Collection<BodyArea> others) {
        Set<BodyArea> parts = partsOf(area);
        parts.retainAll(partsOf(others));
        return !parts.isEmpty();
    }

    /** Whether nothing of {@code targeted} is left once {@code excluded} is taken out. */
    public static boolean allExcluded(Collection<BodyArea> targeted, Collection<BodyArea> excluded) {
        return partsOf(excluded).containsAll(partsOf(targeted));
    }

    public static String describe(BodyArea area) {
        return area.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
