package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.intake.Condition;
import app.sabai.booking.intake.Intake;
import app.sabai.booking.intake.Oil;
import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.booking.request.BookingRequest.HomeVisitForm;
import app.sabai.booking.request.BookingRequest.InjuryForm;
import app.sabai.booking.request.BookingRequest.IntakeForm;
import app.sabai.booking.request.BookingRequest.PreferencesForm;
import app.sabai.booking.request.BookingRequest.SurgeryForm;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Pressure;
import app.sabai.contracts.values.Technique;
import app.sabai.support.web.FieldProblem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static app.sabai.booking.request.Requests.LIVERPOOL;
import static app.sabai.booking.request.Requests.MERSEYSIDE_MOBILE;
import static app.sabai.booking.request.Requests.NOW;
import static app.sabai.booking.request.Requests.aHomeVisit;
import static app.sabai.booking.request.Requests.aRequest;
import static org.assertj.core.api.Assertions.assertThat;

class BookingRequestValidatorTest {

    final BookingRequestValidator validator = new BookingRequestValidator();

    @Test
    void aValidRequestBecomesTheBookingDetailsWithDefaultsFilledIn() {
        ValidBooking valid = valid(aRequest().build(), LIVERPOOL);

        assertThat(valid.details().branchId()).isEqualTo("liverpool");
        assertThat(valid.details().technique()).isEqualTo(Technique.THAI);
        assertThat(valid.details().start()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(valid.details().end()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(valid.details().zone()).isEqualTo(Requests.LONDON);
        assertThat(valid.details().customer().phone()).isEqualTo("+447700900123");
        assertThat(valid.details().customer().language()).isEqualTo("en");
        assertThat(valid.details().preferences().therapistGender()).isEqualTo(GenderPreference.ANY);
        assertThat(valid.details().preferences().pressure()).isEqualTo(Pressure.MEDIUM);
        assertThat(valid.details().bodyAreas()).containsExactly(BodyArea.LOWER_BACK);
        assertThat(valid.intake()).isEqualTo(Intake.nothingToDeclare());
        assertThat(valid.intakeSent()).isTrue();
        assertThat(valid.session().date()).hasToString("2026-12-01");
    }

    @Test
    void noBodyAreasMeansTheFullBody() {
        Requests request = aRequest();
        request.bodyAreas = null;

        assertThat(valid(request.build(), LIVERPOOL).details().bodyAreas()).containsExactly(BodyArea.FULL_BODY);
    }

    @Test
    void everyFieldAtFaultIsNamedInOneAnswer() {
        Requests request = aRequest();
        request.technique = "MASSAGE";
        request.startLocal = null;
        request.customer = new CustomerForm("", "not-an-email", "12", "english please", null);
        request.bodyAreas = List.of("LOWER_BACK", "TOES");
        request.preferences = new PreferencesForm(null, "ANYONE", "HARD");

        assertThat(problems(request.build(), LIVERPOOL)).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                "technique", "start", "customer.name", "customer.email", "customer.phone", "customer.language",
                "preferences.therapistGender", "preferences.pressure", "bodyAreas[1]");
    }

    @Nested
    class BranchTechniqueAndDuration {

        @Test
        void theBranchMustBeKnown() {
            Requests request = aRequest();
            request.branchId = "atlantis";

            assertThat(problems(validator.validate(request.build(), Optional.empty(), Optional.empty(), NOW)))
                    .containsExactly(new FieldProblem("branchId", "'atlantis' is not a known branch"));
        }

        @Test
        void theTechniqueMustBeOneOfTheCatalogueListingTheAcceptedValues() {
            Requests request = aRequest();
            request.technique = "MASSAGE";

            assertProblem(request.build(), LIVERPOOL, "technique", message -> assertThat(message).contains("'MASSAGE'", "SWEDISH", "PRENATAL"));
        }

        @Test
        void theTechniqueMustBeOfferedAtTheBranch() {
            Requests request = aRequest();
            request.technique = "HOT_STONE";

            assertProblem(request.build(), LIVERPOOL, "technique",
                    message -> assertThat(message).contains("HOT_STONE is not offered at Liverpool", "THAI, SWEDISH, DEEP_TISSUE"));
        }

        @Test
        void theDurationMustBeOneTheBranchSellsForTheTechnique() {
            Requests request = aRequest();
            request.durationMinutes = 45;

            assertProblem(request.build(), LIVERPOOL, "durationMinutes",
                    message -> assertThat(message).isEqualTo("THAI at Liverpool is sold as 60, 90, 120 minutes, not 45"));
        }
    }

    @Nested
    class Start {

        @Test
        void exactlyOneOfStartAndStartLocal() {
            Requests both = aRequest();
            both.start = "2026-12-01T10:00:00Z";
            Requests neither = aRequest();
            neither.startLocal = null;

            assertProblem(both.build(), LIVERPOOL, "start", message -> assertThat(message).contains("not both"));
            assertProblem(neither.build(), LIVERPOOL, "start", message -> assertThat(message).contains("is required", "startLocal"));
        }

        @Test
        void startIsAnInstantWithOffset() {
            Requests request = aRequest();
            request.startLocal = null;
            request.start = "2026-12-01T19:00:00+09:00";

            assertThat(valid(request.build(), LIVERPOOL).details().start()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        }

        @Test
        void aLocalStartInTheDstGapIsRefused() {
            Requests request = aRequest();
            request.startLocal = "2027-03-28T01:30";

            assertProblem(request.build(), LIVERPOOL, "startLocal", message -> assertThat(message).contains("does not exist in Europe/London"));
        }

        @Test
        void aLocalStartInTheDstOverlapNeedsTheOffset() {
            Requests request = aRequest();
            request.startLocal = "2026-10-25T01:30";

            Branch openAtNight = branchOpenAllDay();
            assertProblem(request.build(), openAtNight, "startLocal", message -> assertThat(message).contains("happens twice", "offset"));
        }

        @Test
        void theStartMustBeInTheFuture() {
            Requests request = aRequest();
            request.startLocal = "2026-11-20T11:00";

            assertProblem(request.build(), LIVERPOOL, "startLocal", message -> assertThat(message).isEqualTo("must be in the future"));
        }

        @Test
        void theStartMustBeAtMostNinetyDaysAhead() {
            Requests ninetyDays = aRequest();
            ninetyDays.startLocal = null;
            ninetyDays.start = "2027-02-18T12:00:00Z";
            Requests later = aRequest();
            later.startLocal = "2027-02-19T10:00";

            assertThat(valid(ninetyDays.build(), branchOpenAllDay()).details().start()).isEqualTo(NOW.plus(BookingRequestValidator.HORIZON));
            assertProblem(later.build(), LIVERPOOL, "startLocal", message -> assertThat(message).contains("at most 90 days ahead"));
        }

        @Test
        void theSessionMustLieWithinTheOpeningHoursThatDay() {
            Requests lateStart = aRequest();
            lateStart.startLocal = "2026-12-01T20:30";
            Requests early = aRequest();
            early.startLocal = "2026-12-01T08:30";
            Requests lastSlot = aRequest();
            lastSlot.startLocal = "2026-12-01T20:00";

            assertProblem(lateStart.build(), LIVERPOOL, "startLocal", message -> assertThat(message)
                    .isEqualTo("the session 20:30–21:30 (Europe/London) is outside the opening hours of Liverpool on Tuesday 2026-12-01: 09:00–21:00"));
            assertProblem(early.build(), LIVERPOOL, "startLocal", message -> assertThat(message).contains("08:30–09:30"));
            assertThat(valid(lastSlot.build(), LIVERPOOL).details().end()).isEqualTo(Instant.parse("2026-12-01T21:00:00Z"));
        }

        @Test
        void aClosedDayIsNamed() {
            Requests sunday = aRequest();
            sunday.startLocal = "2026-11-29T10:00";

            assertProblem(sunday.build(), LIVERPOOL, "startLocal", message -> assertThat(message).isEqualTo("Liverpool is closed on Sundays"));
        }

        @Test
        void openingHoursAreReadInTheBranchZone() {
            Requests request = aRequest();
            request.startLocal = null;
            request.start = "2026-12-01T20:30:00-05:00"; // 01:30 the next day in Liverpool

            assertProblem(request.build(), LIVERPOOL, "start", message -> assertThat(message).contains("01:30–02:30", "Wednesday 2026-12-02"));
        }
    }

    @Nested
    class Customer {

        @Test
        void isRequired() {
            Requests request = aRequest();
            request.customer = null;

            assertProblem(request.build(), LIVERPOOL, "customer", message -> assertThat(message).startsWith("is required"));
        }

        @Test
        void needsANameAndAValidEmail() {
            Requests request = aRequest();
            request.customer = new CustomerForm(" ", "somchai@example", null, null, null);

            assertThat(problems(request.build(), LIVERPOOL)).containsExactly(
                    new FieldProblem("customer.name", "is required"),
                    new FieldProblem("customer.email", "'somchai@example' is not a valid email address"));
        }

        @Test
        void phoneIsOptionalButInternational() {
            Requests noPhone = aRequest();
            noPhone.customer = new CustomerForm("Somchai", "somchai@example.com", null, "th", null);
            Requests localNumber = aRequest();
            localNumber.customer = new CustomerForm("Somchai", "somchai@example.com", "07700 900123", null, null);

            assertThat(valid(noPhone.build(), LIVERPOOL).details().customer().phone()).isNull();
            assertThat(valid(noPhone.build(), LIVERPOOL).details().customer().language()).isEqualTo("th");
            assertProblem(localNumber.build(), LIVERPOOL, "customer.phone", message -> assertThat(message).contains("+447700900123"));
        }
    }

    @Nested
    class HomeVisits {

        @Test
        void aMobileBranchVisitsAnAddressInsideItsArea() {
            ValidBooking valid = valid(aHomeVisit().build(), MERSEYSIDE_MOBILE);

            assertThat(valid.details().homeVisit().postcode()).isEqualTo("CH41 5AL");
        }

        @Test
        void aMobileBranchNeedsTheAddress() {
            Requests request = aHomeVisit();
            request.homeVisit = null;
            Requests noPostcode = aHomeVisit();
            noPostcode.homeVisit = new HomeVisitForm("1 Hamilton Square", " ");

            assertProblem(request.build(), MERSEYSIDE_MOBILE, "homeVisit", message -> assertThat(message).contains("is required"));
            assertProblem(noPostcode.build(), MERSEYSIDE_MOBILE, "homeVisit.postcode", message -> assertThat(message).isEqualTo("is required"));
        }

        @Test
        void aPostcodeOutsideTheAreaIsRefusedNamingTheArea() {
            Requests request = aHomeVisit();
            request.homeVisit = new HomeVisitForm("1 Piccadilly", "M1 1AA");

            assertProblem(request.build(), MERSEYSIDE_MOBILE, "homeVisit.postcode", message -> assertThat(message)
                    .contains("district M1", "Merseyside, the Wirral and North Cheshire", "L1, CH41, WA4"));
        }

        @Test
        void aBranchYouVisitRefusesAHomeVisit() {
            Requests request = aRequest();
            request.homeVisit = new HomeVisitForm("1 Hamilton Square", "CH41 5AL");

            assertProblem(request.build(), LIVERPOOL, "homeVisit", message -> assertThat(message).contains("not a mobile service"));
        }
    }

    @Nested
    class IntakeAnswers {

        @Test
        void isRequiredUnlessTheCustomerUsesTheOneOnTheirFileAndTheAnswerNamesNoEmail() {
            Requests request = aRequest();
            request.intake = null;

            assertProblem(request.build(), LIVERPOOL, "intake", message -> assertThat(message)
                    .isEqualTo(BookingRequestValidator.INTAKE_REQUIRED)
                    .contains("send the intake", "customerId")
                    .doesNotContain("somchai@example.com"));
        }

        @Test
        void mayBeLeftOutWhenOneIsOnFile() {
            Requests request = aRequest();
            request.intake = null;
            Intake onFile = new Intake(Set.of(), List.of(), null, true, null, Set.of(), null, 40);

            Validation validation = validator.validate(request.build(), Optional.of(LIVERPOOL), Optional.of(onFile), NOW);

            assertThat(validation).isInstanceOfSatisfying(Validation.Valid.class, valid -> {
                assertThat(valid.booking().intake()).isEqualTo(onFile);
                assertThat(valid.booking().intakeSent()).isFalse();
            });
        }

        @Test
        void eachAnswerIsCheckedUnderItsOwnPath() {
            Requests request = aRequest();
            request.intake = new IntakeForm(List.of("ARTHRITIS", "GOUTY"), List.of(new InjuryForm("ELBOW", true, null),
                    new InjuryForm(null, false, null)), true, null, false, new SurgeryForm("2027-01-01", true),
                    List.of("PEANUT"), null, 130);

            assertThat(problems(request.build(), LIVERPOOL)).extracting(FieldProblem::field).containsExactly(
                    "intake.conditions[1]", "intake.injuries[0].area", "intake.injuries[1].area", "intake.pregnancyWeek",
                    "intake.recentSurgery.date", "intake.allergies[0]", "intake.age");
        }

        @Test
        void answersBecomeTheIntake() {
            Requests request = aRequest();
            request.intake = new IntakeForm(List.of("SCIATICA"), List.of(new InjuryForm("LEGS", true, "sprain")), true, 22, true,
                    new SurgeryForm("2026-10-01", false), List.of("ALMOND"), "ibuprofen", 34);

            Intake intake = valid(request.build(), LIVERPOOL).intake();

            assertThat(intake.has(Condition.SCIATICA)).isTrue();
            assertThat(intake.injuries()).singleElement().satisfies(injury -> {
                assertThat(injury.area()).isEqualTo(BodyArea.LEGS);
                assertThat(injury.acute()).isTrue();
            });
            assertThat(intake.pregnancy().trimester()).isEqualTo(2);
            assertThat(intake.breastfeeding()).isTrue();
            assertThat(intake.recentSurgery().medicalClearance()).isFalse();
            assertThat(intake.allergies()).containsExactly(Oil.ALMOND);
            assertThat(intake.medication()).isEqualTo("ibuprofen");
        }
    }

    private ValidBooking valid(BookingRequest request, Branch branch) {
        Validation validation = validator.validate(request, Optional.of(branch), Optional.empty(), NOW);
        assertThat(validation).isInstanceOf(Validation.Valid.class);
        return ((Validation.Valid) validation).booking();
    }

    private List<FieldProblem> problems(BookingRequest request, Branch branch) {
        return problems(validator.validate(request, Optional.of(branch), Optional.empty(), NOW));
    }

    private static List<FieldProblem> problems(Validation validation) {
        assertThat(validation).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) validation).problems();
    }

    private void assertProblem(BookingRequest request, Branch branch, String field, Consumer<String> message) {
        assertThat(problems(request, branch)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo(field);
            message.accept(problem.message());
        });
    }

    private static Branch branchOpenAllDay() {
        return new Branch("all-day", "All day", Requests.LONDON,
                Arrays.stream(DayOfWeek.values())
                        .map(day -> new OpeningHours(day, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT))
                        .toList(),
                LIVERPOOL.techniques(), false, null, null, null, Instant.EPOCH);
    }
}
