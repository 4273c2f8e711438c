package app.sabai.notification.booking;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ReminderPlannerTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private final ReminderPlanner planner = ReminderPlanner.of("P1D", "PT2H");

    @Test
    void theDayBeforeIsTheSameLocalTimeAfterTheClocksGoForward() {
        // Clocks go forward at 01:00 UTC on Sunday 29 March 2026; the session is at 10:00 BST that Sunday.
        Instant start = LocalDateTime.parse("2026-03-29T10:00").atZone(LONDON).toInstant();

        var planned = planner.plan(start, LONDON, LONG_AGO);

        assertThat(planned).extracting(p -> p.leadTime().iso(), PlannedReminder::dueAt).containsExactly(
                tuple("P1D", LocalDateTime.parse("2026-03-28T10:00").atZone(LONDON).toInstant()),
                tuple("PT2H", Instant.parse("2026-03-29T07:00:00Z")));
        assertThat(Duration.between(planned.get(0).dueAt(), start)).isEqualTo(Duration.ofHours(23));
        assertThat(planned.get(0).dueAt().atZone(LONDON).toLocalTime()).hasToString("10:00");
    }

    @Test
    void theDayBeforeIsTheSameLocalTimeAfterTheClocksGoBack() {
        // Clocks go back at 01:00 UTC on Sunday 25 October 2026; the session is at 10:00 GMT that Sunday.
        Instant start = LocalDateTime.parse("2026-10-25T10:00").atZone(LONDON).toInstant();

        var planned = planner.plan(start, LONDON, LONG_AGO);

        assertThat(planned.get(0).dueAt()).isEqualTo(Instant.parse("2026-10-24T09:00:00Z"));
        assertThat(planned.get(0).dueAt().atZone(LONDON).toLocalTime()).hasToString("10:00");
        assertThat(Duration.between(planned.get(0).dueAt(), start)).isEqualTo(Duration.ofHours(25));
        assertThat(planned.get(1).dueAt()).isEqualTo(start.minus(Duration.ofHours(2)));
    }

    @Test
    void inAZoneWithoutDaylightSavingTheDayBeforeIsTwentyFourHours() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");

        var planned = planner.plan(start, BANGKOK, LONG_AGO);

        assertThat(planned.get(0).dueAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void remindersWhoseTimeHasPassedAreNotPlanned() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(planner.plan(start, LONDON, start.minus(Duration.ofMinutes(130))))
                .extracting(p -> p.leadTime().iso()).containsExactly("PT2H");
        assertThat(planner.plan(start, LONDON, start.minus(Duration.ofHours(2)))).as("due exactly now counts as passed").isEmpty();
        assertThat(planner.plan(start, LONDON, start.plus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void leadTimesAreIsoDurationsOrPeriods() {
        assertThat(ReminderPlanner.of("p1d", " PT2H ", "PT30M").leadTimes()).extracting(LeadTime::iso)
                .containsExactly("P1D", "PT2H", "PT30M");
        assertThat(ReminderPlanner.of("PT2H", "PT2H").leadTimes()).hasSize(1);
        assertThatThrownBy(() -> LeadTime.parse("two hours")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two hours");
        assertThatThrownBy(() -> LeadTime.parse("-PT2H")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeadTime.parse("P0D")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dueTimesAreKeptToTheMillisecond() {
        Instant start = Instant.parse("2026-12-01T10:00:00.123456789Z");

        assertThat(planner.plan(start, LONDON, LONG_AGO).get(1).dueAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00.123Z"));
    }
}
