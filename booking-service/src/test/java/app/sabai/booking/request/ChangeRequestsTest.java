package app.sabai.booking.request;

import app.sabai.booking.catalogue.Branch;
import app.sabai.booking.request.ChangeRequests.InvalidReschedule;
import app.sabai.booking.request.ChangeRequests.Reschedule;
import app.sabai.booking.request.ChangeRequests.RescheduleValidation;
import app.sabai.booking.request.ChangeRequests.ValidReschedule;
import app.sabai.contracts.branches.OpeningHours;
import app.sabai.support.web.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static app.sabai.booking.request.Requests.LIVERPOOL;
import static org.assertj.core.api.Assertions.assertThat;

/** The body of a reschedule, read exactly as a new booking's start: in London and in New York, across both clock changes. */
class ChangeRequestsTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Ten days before London's clocks go forward (29 March 2026) and New York's (8 March 2026). */
    static final Instant EARLY_MARCH = Instant.parse("2026-02-26T12:00:00Z");
    /** Before both go back (25 October 2026 in London, 1 November 2026 in New York). */
    static final Instant LATE_OCTOBER = Instant.parse("2026-10-20T12:00:00Z");
    static final Instant CURRENT = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "Europe/London, 2026-03-29T01:30, 2026-02-26T12:00:00Z",
            "America/New_York, 2026-03-08T02:30, 2026-02-26T12:00:00Z"})
    void aLocalTimeTheClocksSkipIsRefused(ZoneId zone, String local, Instant now) {
        assertThat(problems(new RescheduleRequest(null, local, null), zone, now))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("startLocal");
                    assertThat(problem.message()).contains("does not exist in " + zone, "choose another time");
                });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "Europe/London, 2026-10-25T01:30, 2026-10-25T01:30+01:00, 2026-10-25T01:30Z",
            "America/New_York, 2026-11-01T01:30, 2026-11-01T01:30-04:00, 2026-11-01T01:30-05:00"})
    void aLocalTimeTheClocksPassTwiceNeedsTheOffsetAndWithItIsEitherOne(ZoneId zone, String local, String first, String second) {
        assertThat(problems(new RescheduleRequest(null, local, null), zone, LATE_OCTOBER))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("startLocal");
                    assertThat(problem.message()).contains("happens twice in " + zone, first, second);
                });

        ValidReschedule earlier = valid(new RescheduleRequest(first, null, null), zone, LATE_OCTOBER);
        ValidReschedule later = valid(new RescheduleRequest(second, null, null), zone, LATE_OCTOBER);
        assertThat(Duration.between(earlier.start(), later.start())).isEqualTo(Duration.ofHours(1));
        assertThat(later.end()).isEqualTo(later.start().plus(Duration.ofMinutes(60)));
    }

    @Test
    void aLocalTimeIsReadInTheBookingsZone() {
        assertThat(valid(new RescheduleRequest(null, "2026-12-02T10:00", null), NEW_YORK, LATE_OCTOBER).start())
                .isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
        assertThat(valid(new RescheduleRequest(null, "2026-12-02T10:00", null), LONDON, LATE_OCTOBER).start())
                .isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void theNewTimeIsCheckedLikeANewBookings() {
        assertThat(problems(new RescheduleRequest("2026-10-01T10:00:00Z", null, null), LONDON, LATE_OCTOBER))
                .containsExactly(new FieldProblem("start", "must be in the future"));
        assertThat(problems(new RescheduleRequest("2027-03-01T10:00:00Z", null, null), LONDON, LATE_OCTOBER))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("at most 90 days ahead"));
        assertThat(problems(new RescheduleRequest("2026-12-02T10:00", null, null), LONDON, LATE_OCTOBER))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("has no offset"));
        assertThat(problems(new RescheduleRequest("2026-12-02T10:00:00Z", "2026-12-02T10:00", null), LONDON, LATE_OCTOBER))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("not both"));
        assertThat(problems(new RescheduleRequest(null, null, null), LONDON, LATE_OCTOBER))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("is required"));
        assertThat(problems(null, LONDON, LATE_OCTOBER)).containsExactly(
                new FieldProblem("body", "is required: start (with offset) or startLocal (in the branch's time)"));
    }

    @Test
    void theNewTimeMustBeWithinTheOpeningHoursWhenTheBranchIsKnown() {
        RescheduleRequest evening = new RescheduleRequest(null, "2026-12-02T20:30", null);

        RescheduleValidation atLiverpool = ChangeRequests.reschedule(evening, LONDON, 60, CURRENT, Optional.of(LIVERPOOL), LATE_OCTOBER);

        assertThat(atLiverpool).isInstanceOfSatisfying(InvalidReschedule.class, invalid -> assertThat(invalid.problems())
                .singleElement().satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("startLocal");
                    assertThat(problem.message()).contains("outside the opening hours", "09:00–21:00");
                }));
        assertThat(ChangeRequests.reschedule(evening, LONDON, 60, CURRENT, Optional.empty(), LATE_OCTOBER)).isInstanceOf(Reschedule.class);
    }

    @Test
    void theTimeTheBookingAlreadyHasIsNoMove() {
        assertThat(problems(new RescheduleRequest(CURRENT.toString(), null, null), LONDON, LATE_OCTOBER))
                .containsExactly(new FieldProblem("start", "is the time the booking already has"));
    }

    @Test
    void aTherapistMayBeNamed() {
        assertThat(valid(new RescheduleRequest(null, "2026-12-02T10:00", " t-mali "), LONDON, LATE_OCTOBER).therapistId()).isEqualTo("t-mali");
        assertThat(valid(new RescheduleRequest(null, "2026-12-02T10:00", null), LONDON, LATE_OCTOBER).therapistId()).isNull();
        assertThat(problems(new RescheduleRequest(null, "2026-12-02T10:00", " "), LONDON, LATE_OCTOBER))
                .singleElement().satisfies(problem -> assertThat(problem.field()).isEqualTo("therapistId"));
    }

    @Test
    void aCancellationReasonIsOptionalAndBounded() {
        assertThat(ChangeRequests.reasonOf(new CancellationRequest("  Flight moved "))).isEqualTo("Flight moved");
        assertThat(ChangeRequests.reasonOf(new CancellationRequest(" "))).isNull();
        assertThat(ChangeRequests.reasonOf(null)).isNull();
        assertThat(ChangeRequests.cancellationProblem(new CancellationRequest("x".repeat(500)))).isEmpty();
        assertThat(ChangeRequests.cancellationProblem(new CancellationRequest("x".repeat(501))))
                .contains(new FieldProblem("reason", "must be at most 500 characters"));
    }

    private static ValidReschedule valid(RescheduleRequest request, ZoneId zone, Instant now) {
        RescheduleValidation validation = ChangeRequests.reschedule(request, zone, 60, CURRENT, Optional.of(openAllDay(zone)), now);
        assertThat(validation).isInstanceOf(Reschedule.class);
        return ((Reschedule) validation).reschedule();
    }

    private static List<FieldProblem> problems(RescheduleRequest request, ZoneId zone, Instant now) {
        RescheduleValidation validation = ChangeRequests.reschedule(request, zone, 60, CURRENT, Optional.of(openAllDay(zone)), now);
        assertThat(validation).isInstanceOf(InvalidReschedule.class);
        return ((InvalidReschedule) validation).problems();
    }

    private static Branch openAllDay(ZoneId zone) {
        return new Branch("all-day", "All day", zone,
                Arrays.stream(DayOfWeek.values()).map(day -> new OpeningHours(day, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)).toList(),
                LIVERPOOL.techniques(), false, null, null, null, Instant.EPOCH);
    }
}
