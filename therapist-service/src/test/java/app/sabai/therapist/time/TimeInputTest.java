package app.sabai.therapist.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class TimeInputTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void anInstantWithItsOffsetIsTakenAsItIs() {
        assertThat(TimeInput.parse("2026-12-01T10:00:00+07:00", LONDON, TimeInput.DateMeans.START_OF_DAY))
                .isEqualTo(new TimeInput.Parsed.At(Instant.parse("2026-12-01T03:00:00Z")));
    }

    @Test
    void aWallClockTimeIsReadInTheBranchZone() {
        assertThat(TimeInput.parse("2027-07-01T10:00", LONDON, TimeInput.DateMeans.START_OF_DAY))
                .isEqualTo(new TimeInput.Parsed.At(Instant.parse("2027-07-01T09:00:00Z")));
    }

    @Test
    void aDateMeansTheStartOrTheEndOfThatDay() {
        assertThat(TimeInput.parse("2027-07-01", LONDON, TimeInput.DateMeans.START_OF_DAY))
                .isEqualTo(new TimeInput.Parsed.At(Instant.parse("2027-06-30T23:00:00Z")));
        assertThat(TimeInput.parse("2027-07-01", LONDON, TimeInput.DateMeans.END_OF_DAY))
                .isEqualTo(new TimeInput.Parsed.At(Instant.parse("2027-07-01T23:00:00Z")));
    }

    @Test
    void aTimeTheClocksSkipDoesNotExistAndOneTheyRepeatNeedsItsOffset() {
        assertThat(TimeInput.parse("2027-03-28T01:30", LONDON, TimeInput.DateMeans.START_OF_DAY))
                .isInstanceOfSatisfying(TimeInput.Parsed.Invalid.class,
                        invalid -> assertThat(invalid.reason()).contains("does not exist in Europe/London"));
        assertThat(TimeInput.parse("2027-10-31T01:30", LONDON, TimeInput.DateMeans.START_OF_DAY))
                .isInstanceOfSatisfying(TimeInput.Parsed.Invalid.class,
                        invalid -> assertThat(invalid.reason()).contains("happens twice").contains("+01:00").contains("Z"));
    }

    @Test
    void nothingOrNonsenseIsRefusedWithWhatIsAccepted() {
        assertThat(TimeInput.parse(" ", LONDON, TimeInput.DateMeans.START_OF_DAY)).isEqualTo(new TimeInput.Parsed.Invalid("is required"));
        assertThat(TimeInput.parse("tomorrow", LONDON, TimeInput.DateMeans.START_OF_DAY))
                .isInstanceOfSatisfying(TimeInput.Parsed.Invalid.class, invalid -> assertThat(invalid.reason()).startsWith("'tomorrow' is not"));
    }
}
