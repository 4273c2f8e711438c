package app.sabai.therapist.planning;

import app.sabai.therapist.time.Interval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class HardRulesTest {

    /** The clock in an exclusion's wording is written by hand; it reads as {@code HH:mm} would, at any minute of any zone. */
    @Test
    void aClockReadsAsHoursAndMinutesWouldInTheBranchesZone() {
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        Instant start = Instant.parse("2026-03-28T22:00:00Z");
        for (ZoneId zone : new ZoneId[]{ZoneId.of("Europe/London"), ZoneId.of("Asia/Kolkata"), ZoneId.of("America/St_Johns")}) {
            for (int minutes = 0; minutes < 36 * 60; minutes += 7) {
                Interval interval = Interval.of(start.plus(Duration.ofMinutes(minutes)), Duration.ofMinutes(65));
                assertThat(HardRules.clock(interval, zone)).isEqualTo(
                        hhmm.format(interval.start().atZone(zone)) + "–" + hhmm.format(interval.end().atZone(zone)));
            }
        }
    }
}
