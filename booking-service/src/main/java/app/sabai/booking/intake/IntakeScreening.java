package app.sabai.booking.intake;

import app.sabai.booking.intake.ScreeningDecision.Accepted;
import app.sabai.booking.intake.ScreeningDecision.Declined;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Technique;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import static app.sabai.contracts.values.Technique.ACUPRESSURE;
import static app.sabai.contracts.values.Technique.AYURVEDIC;
import static app.sabai.contracts.values.Technique.DEEP_TISSUE;
import static app.sabai.contracts.values.Technique.GUA_SHA;
import static app.sabai.contracts.values.Technique.HOT_STONE;
import static app.sabai.contracts.values.Technique.LYMPHATIC_DRAINAGE;
import static app.sabai.contracts.values.Technique.PRENATAL;
import static app.sabai.contracts.values.Technique.SPORTS;
import static app.sabai.contracts.values.Technique.SWEDISH;
import static app.sabai.contracts.values.Technique.TRIGGER_POINT;

/**
 * Screens a session against the customer's intake (DOMAIN.md, "Intake and contraindications"). The
 * answer is a value: declined with a reason the customer can act on, or accepted with what the session
 * demands of the therapist. The first decline, in order of seriousness, wins.
 */
public final class IntakeScreening {

    static final Set<Technique> GENTLE_IN_PREGNANCY = EnumSet.of(SWEDISH, PRENATAL, LYMPHATIC_DRAINAGE);
    static final Set<Technique> OIL_BASED = EnumSet.of(SWEDISH, DEEP_TISSUE, SPORTS, HOT_STONE, AYURVEDIC, PRENATAL, GUA_SHA);
    static final Set<Condition> NEEDS_SENIOR = EnumSet.of(Condition.HERNIATED_DISC, Condition.ARTHRITIS, Condition.SCIATICA,
            Condition.CHRONIC_SPINAL_CONDITION);
    static final Set<Condition> NEEDS_GENTLE_PRESSURE = EnumSet.of(Condition.FRAGILE_BONES, Condition.BROKEN_BONES,
            Condition.OPEN_WOUNDS);
    static final int OLDER_CLIENT_AGE = 65;

    private static final String GENTLE_CHOICES = "Swedish, Prenatal or Lymphatic drainage";

    private final int surgeryWeeks;
    private final List<BiFunction<SessionToScreen, Intake, Optional<Declined>>> declineRules = List.of(
            this::medicalEvaluationFirst,
            this::acuteInjuryAtTargetedArea,
            this::surgeryWithoutClearance,
            this::notSuitableInPregnancy,
            this::nothingLeftToTreat);

    public IntakeScreening(int surgeryWeeks) {
        this.surgeryWeeks = surgeryWeeks;
    }

    public ScreeningDecision screen(SessionToScreen session, Intake intake) {
        for (var rule : declineRules) {
            Optional<Declined> declined = rule.apply(session, intake);
            if (declined.isPresent()) {
                return declined.get();
            }
        }
        return new Accepted(requirements(session, intake));
    }

    private Optional<Declined> medicalEvaluationFirst(SessionToScreen session, Intake intake) {
        List<String> symptoms = new ArrayList<>();
        if (intake.has(Condition.SEVERE_PAIN)) {
            symptoms.add("severe pain");
        }
        if (intake.has(Condition.LIMB_NUMBNESS)) {
            symptoms.add("numbness in the limbs");
        }
        if (symptoms.isEmpty()) {
            return Optional.empty();
        }
        return declined(DeclineReason.MEDICAL_EVALUATION_NEEDED, "With " + String.join(" and ", symptoms)
                + " we cannot offer a massage yet. Please have a medical evaluation first, then book again"
                + " with its outcome on your intake.");
    }

    private Optional<Declined> acuteInjuryAtTargetedArea(SessionToScreen session, Intake intake) {
        List<BodyArea> injured = intake.injuries().stream()
                .filter(Injury::acute)
                .map(Injury::area)
                .filter(area -> BodyAreaCoverage.touches(area, session.areas()))
                .distinct()
                .toList();
        if (injured.isEmpty()) {
            return Optional.empty();
        }
        return declined(DeclineReason.ACUTE_INJURY_AT_AREA, "You reported an acute injury or inflammation at the "
                + describe(injured) + ", which this session targets: no massage there until it has settled."
                + " You can book a session for other areas, or gentle work elsewhere.");
    }

    private Optional<Declined> surgeryWithoutClearance(SessionToScreen session, Intake intake) {
        RecentSurgery surgery = intake.recentSurgery();
        if (surgery == null || surgery.medicalClearance() || !withinSurgeryWindow(surgery, session.date())) {
            return Optional.empty();
        }
        LocalDate firstDateWithout = surgery.date().plusWeeks(surgeryWeeks);
        return declined(DeclineReason.SURGERY_WITHOUT_CLEARANCE, "Your surgery on " + surgery.date() + " is less than "
                + surgeryWeeks + " weeks before the session. We can book it once a medical clearance is recorded"
                + " on your intake, or for a date from " + firstDateWithout + " on.");
    }

    private Optional<Declined> notSuitableInPregnancy(SessionToScreen session, Intake intake) {
        Pregnancy pregnancy = intake.pregnancy();
        if (pregnancy == null) {
            return Optional.empty();
        }
        Technique technique = session.technique();
        if (technique == DEEP_TISSUE && BodyAreaCoverage.touches(BodyArea.LOWER_BACK, session.areas())) {
            return declined(DeclineReason.NOT_SUITABLE_IN_PREGNANCY, "No deep tissue work on the lower back during"
                    + " pregnancy. Please choose " + GENTLE_CHOICES + ".");
        }
        if ((technique == TRIGGER_POINT || technique == ACUPRESSURE) && pregnancy.trimester() == 1) {
            return declined(DeclineReason.NOT_SUITABLE_IN_PREGNANCY, "No trigger point or acupressure work in the first"
                    + " trimester (week " + pregnancy.week() + "). Please choose " + GENTLE_CHOICES + ".");
        }
        if (!GENTLE_IN_PREGNANCY.contains(technique)) {
            return declined(DeclineReason.NOT_SUITABLE_IN_PREGNANCY, "During pregnancy we offer only gentle techniques."
                    + " Please choose " + GENTLE_CHOICES + " instead of " + describe(technique) + ".");
        }
        return Optional.empty();
    }

    private Optional<Declined> nothingLeftToTreat(SessionToScreen session, Intake intake) {
        Set<BodyArea> excluded = excludedAreas(intake);
        if (excluded.isEmpty() || !BodyAreaCoverage.allExcluded(session.areas(), excluded)) {
            return Optional.empty();
        }
        return declined(DeclineReason.NOTHING_LEFT_TO_TREAT, "The " + describe(excluded) + " must be left out because of"
                + " the injuries on your intake, and that is all this session targets. Please choose other areas.");
    }

    private CareRequirements requirements(SessionToScreen session, Intake intake) {
        List<String> notes = new ArrayList<>();
        Pregnancy pregnancy = intake.pregnancy();
        if (pregnancy != null) {
            notes.add("Pregnant, week " + pregnancy.week() + " (trimester " + pregnancy.trimester()
                    + "): prenatal-certified therapist, side-lying or supported positions.");
        }
        if (intake.breastfeeding()) {
            notes.add("Breastfeeding: use an unscented carrier oil, no essential oils; position for comfort.");
        }
        RecentSurgery surgery = intake.recentSurgery();
        if (surgery != null && withinSurgeryWindow(surgery, session.date())) {
            notes.add("Surgery on " + surgery.date() + "; medical clearance recorded.");
        }
        Set<Condition> fragile = EnumSet.noneOf(Condition.class);
        fragile.addAll(intake.conditions());
        fragile.retainAll(NEEDS_GENTLE_PRESSURE);
        boolean gentle = !fragile.isEmpty();
        if (gentle) {
            boolean older = intake.age() != null && intake.age() >= OLDER_CLIENT_AGE && intake.has(Condition.FRAGILE_BONES);
            notes.add("Gentle pressure only: " + describeConditions(fragile)
                    + (older ? " (older client, age " + intake.age() + ")" : "") + ".");
        }
        Set<BodyArea> excluded = excludedAreas(intake);
        if (!excluded.isEmpty()) {
            notes.add("Leave out the " + describe(excluded) + " (injury).");
        }
        if (!intake.allergies().isEmpty()) {
            String oils = intake.allergies().stream().sorted().map(IntakeScreening::describe).collect(Collectors.joining(", "));
            notes.add("Allergic to " + oils + " oil" + (OIL_BASED.contains(session.technique())
                    ? ": use another oil for this " + describe(session.technique()) + " session." : "."));
        }
        Set<Condition> seniorConditions = EnumSet.noneOf(Condition.class);
        seniorConditions.addAll(intake.conditions());
        seniorConditions.retainAll(NEEDS_SENIOR);
        if (!seniorConditions.isEmpty()) {
            notes.add(capitalise(describeConditions(seniorConditions)) + ": experienced (senior) therapist.");
        }
        intake.injuries().stream()
                .filter(injury -> !excluded.contains(injury.area()))
                .forEach(injury -> notes.add("Earlier injury at the " + BodyAreaCoverage.describe(injury.area())
                        + (injury.description() == null || injury.description().isBlank() ? "" : ": " + injury.description()) + "."));
        if (intake.medication() != null && !intake.medication().isBlank()) {
            notes.add("Medication: " + intake.medication().trim() + ".");
        }
        return new CareRequirements(pregnancy != null, !seniorConditions.isEmpty(), gentle, List.copyOf(excluded), notes);
    }

    /** Acute injuries are always left out; with fragile bones, broken bones or open wounds every injured area is. */
    private static Set<BodyArea> excludedAreas(Intake intake) {
        boolean fragile = intake.conditions().stream().anyMatch(NEEDS_GENTLE_PRESSURE::contains);
        Set<BodyArea> excluded = EnumSet.noneOf(BodyArea.class);
        intake.injuries().stream()
                .filter(injury -> injury.acute() || fragile)
                .forEach(injury -> excluded.add(injury.area()));
        return excluded;
    }

    private boolean withinSurgeryWindow(RecentSurgery surgery, LocalDate sessionDate) {
        return sessionDate.isBefore(surgery.date().plusWeeks(surgeryWeeks));
    }

    private static Optional<Declined> declined(DeclineReason reason, String detail) {
        return Optional.of(new Declined(reason, detail));
    }

    private static String describe(Collection<BodyArea> areas) {
        List<String> names = areas.stream().map(BodyAreaCoverage::describe).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String describeConditions(Set<Condition> conditions) {
        return conditions.stream().map(IntakeScreening::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
