package app.sabai.notification.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DueScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-29T07:00:00Z");

    private final DueSchedule schedule = new DueSchedule(Duration.ofMinutes(10), 3);

    @Test
    void keepsOneTimePerBookingTheLatestOffered() {
        schedule.offer("b-1", NOW.plusSeconds(60), null, NOW);
        schedule.offer("b-1", NOW.plusSeconds(30), null, NOW);

        assertThat(schedule.size()).isEqualTo(1);
        assertThat(schedule.dueAt("b-1")).contains(NOW.plusSeconds(30));
    }

    @Test
    void nothingPendingForgetsTheBooking() {
        schedule.offer("b-1", NOW.plusSeconds(60), null, NOW);

        assertThat(schedule.offer("b-1", null, null, NOW)).isFalse();

        assertThat(schedule.size()).isZero();
    }

    @Test
    void aTimeBeyondTheHorizonIsLeftToTheSafetyNetAndForgetsAnEarlierOne() {
        schedule.offer("b-1", NOW.plusSeconds(60), null, NOW);

        assertThat(schedule.offer("b-1", NOW.plus(Duration.ofMinutes(11)), null, NOW)).isFalse();

        assertThat(schedule.dueAt("b-1")).isEmpty();
    }

    @Test
    void whenFullTheSoonestAreKept() {
        schedule.offer("b-1", NOW.plusSeconds(10), null, NOW);
        schedule.offer("b-2", NOW.plusSeconds(20), null, NOW);
        schedule.offer("b-3", NOW.plusSeconds(30), null, NOW);

        assertThat(schedule.offer("b-4", NOW.plusSeconds(40), null, NOW)).as("later than all held").isFalse();
        assertThat(schedule.offer("b-5", NOW.plusSeconds(5), null, NOW)).as("sooner than the latest held").isTrue();

        assertThat(schedule.size()).isEqualTo(3);
        assertThat(schedule.dueAt("b-3")).isEmpty();
        assertThat(schedule.earliest()).contains(NOW.plusSeconds(5));
    }

    @Test
    void takesWhatIsDueSoonestFirstAndLeavesTheRest() {
        schedule.offer("b-1", NOW.plusSeconds(20), null, NOW);
        schedule.offer("b-2", NOW.minusSeconds(5), null, NOW);
        schedule.offer("b-3", NOW.plusSeconds(90), null, NOW);

        assertThat(schedule.takeDue(NOW.plusSeconds(20))).extracting(DueSchedule.Entry::bookingId).containsExactly("b-2", "b-1");

        assertThat(schedule.earliest()).contains(NOW.plusSeconds(90));
        assertThat(schedule.takeDue(NOW.plusSeconds(20))).isEmpty();
    }
}
