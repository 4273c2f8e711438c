package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.request.BookingRequest.CustomerForm;
import app.sabai.booking.testing.TestBranches;
import app.sabai.support.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A waitlist request: its window read in the branch's zone, every field at fault named. */
class WaitlistRequestValidatorTest {

    static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    static final Branch LONDON = Branch.from(TestBranches.anAlwaysOpenBranch("london", ZoneId.of("Europe/London"), "GBP", null));

    final WaitlistRequestValidator validator = new WaitlistRequestValidator();

    @Test
    void datesAreWholeDaysAndDateTimesAreLocalToTheBranch() {
        WaitlistValidation validation = validator.validate(entry("2027-04-01", "2027-04-02T18:00", List.of("THURSDAY", "FRIDAY"), "10:00", "17:30"),
                Optional.of(LONDON), Optional.empty(), NOW);

        assertThat(validation).isInstanceOfSatisfying(WaitlistValidation.Valid.class, valid -> {
            assertThat(valid.entry().from()).isEqualTo(Instant.parse("2027-03-31T23:00:00Z"));
            assertThat(valid.entry().to()).isEqualTo(Instant.parse("2027-04-02T17:00:00Z"));
            assertThat(valid.entry().weekdays()).containsExactly(DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
            assertThat(valid.entry().earliest()).isEqualTo(LocalTime.of(10, 0));
            assertThat(valid.entry().latest()).isEqualTo(LocalTime.of(17, 30));
            assertThat(valid.entry().intake()).as("none given, none on file").isNull();
        });
        WaitlistValidation toADate = validator.validate(entry("2027-04-01T09:00", "2027-04-01", null, null, null), Optional.of(LONDON),
                Optional.empty(), NOW);
        assertThat(toADate).as("a date as to is the end of that day").isInstanceOfSatisfying(WaitlistValidation.Valid.class,
                valid -> assertThat(valid.entry().to()).isEqualTo(Instant.parse("2027-04-01T23:00:00Z")));
    }

    @Test
    void aLocalTimeTheClocksSkipIsRefusedAndEveryFieldAtFaultIsNamed() {
        List<FieldProblem> problems = problems(validator.validate(entry("2027-03-28T01:30", "later", List.of("FUNDAY"), "morning", "10:00"),
                Optional.of(LONDON), Optional.empty(), NOW));

        assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("from", "to", "weekdays[0]", "earliest");
        assertThat(problems.getFirst().message()).contains("does not exist");
        assertThat(problems(validator.validate(entry("2027-04-01", "2027-03-31", List.of(), "12:00", "11:00"), Optional.of(LONDON),
                Optional.empty(), NOW))).extracting(FieldProblem::field).containsExactlyInAnyOrder("to", "weekdays", "latest");
        assertThat(problems(validator.validate(entry("2027-02-01", "2027-02-20", null, null, null), Optional.of(LONDON), Optional.empty(),
                NOW))).extracting(FieldProblem::message).containsExactly("must be in the future");
        assertThat(problems(validator.validate(entry("2027-09-01", "2027-09-20", null, null, null), Optional.of(LONDON), Optional.empty(),
                NOW))).extracting(FieldProblem::field).containsExactly("from");
        assertThat(problems(validator.validate(entry("2027-04-01T10:00", "2027-04-01T10:30", null, null, null), Optional.of(LONDON),
                Optional.empty(), NOW))).extracting(FieldProblem::field).containsExactly("to");
    }

    private static WaitlistRequest entry(String from, String to, List<String> weekdays, String earliest, String latest) {
        return new WaitlistRequest("london", "THAI", 60, from, to, weekdays, earliest, latest,
                new CustomerForm("Malee", "malee@example.com", null, "th", null), null, null, null, null, null);
    }

    private static List<FieldProblem> problems(WaitlistValidation validation) {
        assertThat(validation).isInstanceOf(WaitlistValidation.Invalid.class);
        return ((WaitlistValidation.Invalid) validation).problems();
    }
}
