package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.booking.request.BookingRequest.IntakeForm;
import app.sabai.booking.testing.TestBranches;
import app.sabai.support.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A course request, checked field by field and session by session in the branch's zone. */
class CourseRequestValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Branch LONDON = Branch.from(TestBranches.anAlwaysOpenBranch("london", ZoneId.of("Europe/London"), "GBP", null));
    static final IntakeForm INTAKE = new IntakeForm(List.of(), List.of(), false, null, false, null, List.of(), null, 40);

    final CourseRequestValidator validator = new CourseRequestValidator();

    @Test
    void theSessionsFollowTheWeekdaysFromTheFirstDateAtTheLocalTime() {
        CourseValidation validation = validator.validate(course(6, List.of("THURSDAY", "MONDAY"), "11:00", "2026-12-01"),
                Optional.of(LONDON), Optional.empty(), NOW);

        assertThat(validation).isInstanceOfSatisfying(CourseValidation.Valid.class, valid -> {
            assertThat(valid.course().sessions()).extracting(details -> LocalDateTime.ofInstant(details.start(), LONDON.zone()))
                    .containsExactly(LocalDateTime.parse("2026-12-03T11:00"), LocalDateTime.parse("2026-12-07T11:00"),
                            LocalDateTime.parse("2026-12-10T11:00"), LocalDateTime.parse("2026-12-14T11:00"),
                            LocalDateTime.parse("2026-12-17T11:00"), LocalDateTime.parse("2026-12-21T11:00"));
            assertThat(valid.course().weekdays()).containsExactly(DayOfWeek.THURSDAY, DayOfWeek.MONDAY);
            assertThat(valid.course().intakeSent()).isTrue();
        });
    }

    @Test
    void aDateWhoseTimeTheClocksSkipOrPassTwiceNamesTheSession() {
        Instant march = Instant.parse("2027-03-01T12:00:00Z");
        assertThat(problems(validator.validate(course(4, List.of("SUNDAY"), "01:30", "2027-03-07"), Optional.of(LONDON), Optional.empty(),
                march))).singleElement().satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("sessions[3]");
                    assertThat(problem.message()).contains("2027-03-28T01:30 does not exist in Europe/London");
                });
        Instant october = Instant.parse("2027-10-01T12:00:00Z");
        assertThat(problems(validator.validate(course(2, List.of("SUNDAY"), "01:30", "2027-10-24"), Optional.of(LONDON), Optional.empty(),
                october))).singleElement().satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("sessions[1]");
                    assertThat(problem.message()).contains("happens twice");
                });
    }

    @Test
    void everyFieldAtFaultIsNamed() {
        List<FieldProblem> problems = problems(validator.validate(course(0, List.of("MONDAY", "", "FUNDAY"), "11h", "1 December"),
                Optional.of(LONDON), Optional.empty(), NOW));

        assertThat(problems).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("sessions", "weekdays[1]", "weekdays[2]", "timeLocal", "firstDate");
        assertThat(problems(validator.validate(course(3, List.of(), null, "2026-11-19"), Optional.of(LONDON), Optional.empty(), NOW)))
                .extracting(FieldProblem::field).containsExactlyInAnyOrder("weekdays", "timeLocal", "firstDate");
    }

    @Test
    void sessionsBeyondTheHorizonAreNamed() {
        List<FieldProblem> problems = problems(validator.validate(course(12, List.of("MONDAY"), "11:00", "2027-01-04"),
                Optional.of(LONDON), Optional.empty(), NOW));

        assertThat(problems).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.field()).startsWith("sessions[");
            assertThat(problem.message()).contains("at most 90 days ahead");
        });
    }

    @Test
    void courseDatesTakeEachListedWeekdayInTurn() {
        assertThat(CourseDates.of(LocalDate.of(2026, 12, 1), Set.of(DayOfWeek.TUESDAY), 3))
                .containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 15));
        assertThat(CourseDates.of(LocalDate.of(2026, 12, 1), Set.of(), 3)).isEmpty();
    }

    private static CourseRequest course(Integer sessions, List<String> weekdays, String time, String firstDate) {
        return new CourseRequest("london", "THAI", 60, sessions, weekdays, time, firstDate,
                new CustomerForm("Somchai", "somchai@example.com", null, "en", null), null, INTAKE, null, null, null);
    }

    private static List<FieldProblem> problems(CourseValidation validation) {
        assertThat(validation).isInstanceOf(CourseValidation.Invalid.class);
        return ((CourseValidation.Invalid) validation).problems();
    }
}
