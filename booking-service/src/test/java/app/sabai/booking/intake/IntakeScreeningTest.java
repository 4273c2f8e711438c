package app.sabai.booking.intake;

import app.sabai.booking.intake.ScreeningDecision.Accepted;
import app.sabai.booking.intake.ScreeningDecision.Declined;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Technique;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.util.List;

import static app.sabai.booking.intake.Intakes.anIntake;
import static app.sabai.contracts.values.BodyArea.FULL_BODY;
import static app.sabai.contracts.values.BodyArea.LEGS;
import static app.sabai.contracts.values.BodyArea.LOWER_BACK;
import static app.sabai.contracts.values.BodyArea.NECK_AND_SHOULDERS;
import static app.sabai.contracts.values.BodyArea.UPPER_BACK;
import static app.sabai.contracts.values.BodyArea.WHOLE_BACK;
import static app.sabai.contracts.values.Technique.DEEP_TISSUE;
import static app.sabai.contracts.values.Technique.PRENATAL;
import static app.sabai.contracts.values.Technique.SWEDISH;
import static app.sabai.contracts.values.Technique.THAI;
import static app.sabai.contracts.values.Technique.TRIGGER_POINT;
import static org.assertj.core.api.Assertions.assertThat;

class IntakeScreeningTest {

    static final LocalDate SESSION_DATE = LocalDate.of(2026, 12, 1);
    final IntakeScreening screening = new IntakeScreening(6);

    @Test
    void nothingDeclaredIsAcceptedWithoutRequirements() {
        assertThat(accepted(THAI, List.of(FULL_BODY), anIntake().build())).isEqualTo(CareRequirements.none());
    }

    @Nested
    class AcuteInjuryOrInflammation {

        @Test
        void atATargetedAreaIsDeclinedSayingWhereAndWhatIsStillPossible() {
            Declined declined = declined(SWEDISH, List.of(LOWER_BACK), anIntake().injury(LOWER_BACK, true).build());

            assertThat(declined.reason()).isEqualTo(DeclineReason.ACUTE_INJURY_AT_AREA);
            assertThat(declined.detail()).contains("lower back", "other areas", "gentle work elsewhere");
        }

        @Test
        void countsWhenTheTargetedAreaCoversTheInjuredOne() {
            assertThat(declined(SWEDISH, List.of(WHOLE_BACK), anIntake().injury(UPPER_BACK, true).build()).reason())
                    .isEqualTo(DeclineReason.ACUTE_INJURY_AT_AREA);
            assertThat(declined(SWEDISH, List.of(FULL_BODY), anIntake().injury(LEGS, true).build()).reason())
                    .isEqualTo(DeclineReason.ACUTE_INJURY_AT_AREA);
            assertThat(declined(SWEDISH, List.of(LOWER_BACK), anIntake().injury(WHOLE_BACK, true).build()).reason())
                    .isEqualTo(DeclineReason.ACUTE_INJURY_AT_AREA);
        }

        @Test
        void elsewhereLeavesTheOtherAreasBookableWithTheInjuredOneLeftOut() {
            CareRequirements requirements = accepted(DEEP_TISSUE, List.of(UPPER_BACK), anIntake().injury(LEGS, true).build());

            assertThat(requirements.excludedAreas()).containsExactly(LEGS);
            assertThat(requirements.notesForTherapist()).anySatisfy(note -> assertThat(note).contains("Leave out the legs"));
        }

        @Test
        void anOldInjuryIsOnlyANote() {
            CareRequirements requirements = accepted(SWEDISH, List.of(LOWER_BACK), anIntake().injury(LOWER_BACK, false).build());

            assertThat(requirements.excludedAreas()).isEmpty();
            assertThat(requirements.gentlePressureOnly()).isFalse();
            assertThat(requirements.notesForTherapist()).anySatisfy(note -> assertThat(note).contains("Earlier injury at the lower back"));
        }
    }

    @Nested
    class SeverePainOrNumbness {

        @ParameterizedTest
        @EnumSource(value = Condition.class, names = {"SEVERE_PAIN", "LIMB_NUMBNESS"})
        void isDeclinedAdvisingAMedicalEvaluation(Condition condition) {
            Declined declined = declined(SWEDISH, List.of(NECK_AND_SHOULDERS), anIntake().with(condition).build());

            assertThat(declined.reason()).isEqualTo(DeclineReason.MEDICAL_EVALUATION_NEEDED);
            assertThat(declined.detail()).contains("medical evaluation");
        }

        @Test
        void comesBeforeEveryOtherReason() {
            Intake everything = anIntake().with(Condition.SEVERE_PAIN).injury(LOWER_BACK, true).pregnantInWeek(8).build();

            assertThat(declined(DEEP_TISSUE, List.of(LOWER_BACK), everything).reason()).isEqualTo(DeclineReason.MEDICAL_EVALUATION_NEEDED);
        }
    }

    @Nested
    class AfterARecentSurgery {

        @Test
        void withinTheWindowWithoutClearanceIsDeclinedNamingTheWayForward() {
            Declined declined = declined(SWEDISH, List.of(UPPER_BACK),
                    anIntake().surgery(SESSION_DATE.minusWeeks(3), false).build());

            assertThat(declined.reason()).isEqualTo(DeclineReason.SURGERY_WITHOUT_CLEARANCE);
            assertThat(declined.detail()).contains("6 weeks", "medical clearance", SESSION_DATE.plusWeeks(3).toString());
        }

        @Test
        void withinTheWindowWithClearanceIsAcceptedWithANote() {
            CareRequirements requirements = accepted(SWEDISH, List.of(UPPER_BACK),
                    anIntake().surgery(SESSION_DATE.minusWeeks(3), true).build());

            assertThat(requirements.notesForTherapist()).anySatisfy(note -> assertThat(note).contains("medical clearance recorded"));
        }

        @Test
        void olderThanTheWindowNeedsNoClearance() {
            assertThat(accepted(SWEDISH, List.of(UPPER_BACK), anIntake().surgery(SESSION_DATE.minusWeeks(6), false).build()))
                    .isEqualTo(CareRequirements.none());
        }

        @Test
        void theWindowIsConfigurable() {
            Intake threeWeeksAgo = anIntake().surgery(SESSION_DATE.minusWeeks(3), false).build();

            assertThat(new IntakeScreening(2).screen(session(SWEDISH, List.of(UPPER_BACK)), threeWeeksAgo)).isInstanceOf(Accepted.class);
            assertThat(new IntakeScreening(4).screen(session(SWEDISH, List.of(UPPER_BACK)), threeWeeksAgo)).isInstanceOf(Declined.class);
        }
    }

    @Nested
    class WhenPregnant {

        @ParameterizedTest
        @EnumSource(value = Technique.class, names = {"SWEDISH", "PRENATAL", "LYMPHATIC_DRAINAGE"})
        void gentleTechniquesNeedAPrenatalCertifiedTherapist(Technique technique) {
            CareRequirements requirements = accepted(technique, List.of(LOWER_BACK), anIntake().pregnantInWeek(20).build());

            assertThat(requirements.prenatalCertified()).isTrue();
            assertThat(requirements.notesForTherapist()).anySatisfy(note -> assertThat(note).contains("week 20", "trimester 2"));
        }

        @Test
        void noDeepTissueOnTheLowerBack() {
            Declined declined = declined(DEEP_TISSUE, List.of(WHOLE_BACK), anIntake().pregnantInWeek(20).build());

            assertThat(declined.reason()).isEqualTo(DeclineReason.NOT_SUITABLE_IN_PREGNANCY);
            assertThat(declined.detail()).contains("deep tissue", "lower back", "Swedish, Prenatal or Lymphatic drainage");
        }

        @ParameterizedTest
        @EnumSource(value = Technique.class, names = {"TRIGGER_POINT", "ACUPRESSURE"})
        void noTriggerPointOrAcupressureInTheFirstTrimester(Technique technique) {
            Declined declined = declined(technique, List.of(NECK_AND_SHOULDERS), anIntake().pregnantInWeek(10).build());

            assertThat(declined.detail()).contains("first trimester", "week 10");
        }

        @Test
        void otherTechniquesAreDeclinedNamingTheGentleOnes() {
            Declined laterTrigger = declined(TRIGGER_POINT, List.of(NECK_AND_SHOULDERS), anIntake().pregnantInWeek(30).build());
            Declined thai = declined(THAI, List.of(LEGS), anIntake().pregnantInWeek(30).build());

            assertThat(laterTrigger.detail()).contains("only gentle techniques", "trigger point");
            assertThat(thai.detail()).contains("only gentle techniques", "Swedish, Prenatal or Lymphatic drainage", "thai");
        }

        @Test
        void trimestersFollowFromTheWeek() {
            assertThat(new Pregnancy(13).trimester()).isEqualTo(1);
            assertThat(new Pregnancy(14).trimester()).isEqualTo(2);
            assertThat(new Pregnancy(27).trimester()).isEqualTo(2);
            assertThat(new Pregnancy(28).trimester()).isEqualTo(3);
        }
    }

    @Test
    void breastfeedingIsANoteAboutOils() {
        CareRequirements requirements = accepted(SWEDISH, List.of(UPPER_BACK), anIntake().breastfeeding().build());

        assertThat(requirements.prenatalCertified()).isFalse();
        assertThat(requirements.notesForTherapist()).singleElement().satisfies(note -> assertThat(note).contains("Breastfeeding", "oil"));
    }

    @Nested
    class FragileBonesBrokenBonesOpenWounds {

        @ParameterizedTest
        @EnumSource(value = Condition.class, names = {"FRAGILE_BONES", "BROKEN_BONES", "OPEN_WOUNDS"})
        void meanGentlePressureWithTheInjuredAreaLeftOut(Condition condition) {
            CareRequirements requirements = accepted(SWEDISH, List.of(FULL_BODY), anIntake().with(condition).injury(LEGS, false).build());

            assertThat(requirements.gentlePressureOnly()).isTrue();
            assertThat(requirements.excludedAreas()).containsExactly(LEGS);
            assertThat(requirements.notesForTherapist()).anySatisfy(note -> assertThat(note).startsWith("Gentle pressure only"));
        }

        @Test
        void anOlderClientWithFragileBonesIsNamedAsSuch() {
            CareRequirements requirements = accepted(SWEDISH, List.of(UPPER_BACK), anIntake().with(Condition.FRAGILE_BONES).age(78).build());

            assertThat(requirements.gentlePressureOnly()).isTrue();
            assertThat(requirements.notesForTherapist()).anySatisfy(note -> assertThat(note).contains("older client, age 78"));
        }

        @Test
        void aSessionOnlyForTheExcludedAreaIsDeclined() {
            Declined declined = declined(SWEDISH, List.of(LOWER_BACK), anIntake().with(Condition.BROKEN_BONES).injury(WHOLE_BACK, false).build());

            assertThat(declined.reason()).isEqualTo(DeclineReason.NOTHING_LEFT_TO_TREAT);
            assertThat(declined.detail()).contains("whole back", "choose other areas");
        }
    }

    @Nested
    class OilAllergy {

        @ParameterizedTest
        @EnumSource(value = Technique.class, names = {"AYURVEDIC", "SWEDISH", "HOT_STONE"})
        void tellsTheTherapistToUseAnotherOilInOilBasedTechniques(Technique technique) {
            CareRequirements requirements = accepted(technique, List.of(UPPER_BACK), anIntake().allergicTo(Oil.ALMOND, Oil.SESAME).build());

            assertThat(requirements.notesForTherapist()).singleElement()
                    .satisfies(note -> assertThat(note).contains("almond, sesame oil", "use another oil"));
        }

        @Test
        void isStillNotedWhenTheTechniqueUsesNoOil() {
            CareRequirements requirements = accepted(THAI, List.of(LEGS), anIntake().allergicTo(Oil.COCONUT).build());

            assertThat(requirements.notesForTherapist()).containsExactly("Allergic to coconut oil.");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Condition.class, names = {"HERNIATED_DISC", "ARTHRITIS", "SCIATICA", "CHRONIC_SPINAL_CONDITION"})
    void spinalAndJointConditionsAreAllowedWithASeniorTherapist(Condition condition) {
        CareRequirements requirements = accepted(DEEP_TISSUE, List.of(LOWER_BACK), anIntake().with(condition).build());

        assertThat(requirements.seniorTherapist()).isTrue();
        assertThat(requirements.gentlePressureOnly()).isFalse();
        assertThat(requirements.notesForTherapist()).anySatisfy(note -> assertThat(note).contains("senior"));
    }

    @Test
    void medicationIsPassedOnToTheTherapist() {
        assertThat(accepted(SWEDISH, List.of(UPPER_BACK), anIntake().medication("warfarin").build()).notesForTherapist())
                .containsExactly("Medication: warfarin.");
    }

    @Test
    void requirementsCombine() {
        CareRequirements requirements = accepted(PRENATAL, List.of(UPPER_BACK),
                anIntake().pregnantInWeek(30).with(Condition.SCIATICA).allergicTo(Oil.JOJOBA).build());

        assertThat(requirements.prenatalCertified()).isTrue();
        assertThat(requirements.seniorTherapist()).isTrue();
        assertThat(requirements.notesForTherapist()).hasSize(3);
    }

    private CareRequirements accepted(Technique technique, List<BodyArea> areas, Intake intake) {
        ScreeningDecision decision = screening.screen(session(technique, areas), intake);
        assertThat(decision).isInstanceOf(Accepted.class);
        return ((Accepted) decision).requirements();
    }

    private Declined declined(Technique technique, List<BodyArea> areas, Intake intake) {
        ScreeningDecision decision = screening.screen(session(technique, areas), intake);
        assertThat(decision).isInstanceOf(Declined.class);
        return (Declined) decision;
    }

    private static SessionToScreen session(Technique technique, List<BodyArea> areas) {
        return new SessionToScreen(technique, areas, SESSION_DATE);
    }
}
