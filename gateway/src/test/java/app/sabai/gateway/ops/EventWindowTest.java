package app.sabai.gateway.ops;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EventWindowTest {

    private static final String REQUESTED = "sabai.bookings.BookingRequested.v1";
    private static final String CONFIRMED = "sabai.bookings.BookingConfirmed.v1";
    private static final String REJECTED = "sabai.bookings.BookingRejected.v1";
    private static final String ATTENTION = "sabai.bookings.BookingNeedsAttention.v1";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:30Z"));
    private final EventWindow window = new EventWindow(clock, 2, 3);

    @Test
    void countsEachMinuteInItsOwnBucketAndForgetsMinutesOlderThanAnHour() {
        window.record("sabai.bookings", Instant.parse("2026-12-01T09:01:10Z"), REQUESTED, "liverpool", "b-old");
        window.record("sabai.bookings", Instant.parse("2026-12-01T10:00:05Z"), REQUESTED, "liverpool", "b-1");
        window.record("sabai.bookings", Instant.parse("2026-12-01T10:00:20Z"), CONFIRMED, "liverpool", "b-1");
        window.record("sabai.assignments", Instant.parse("2026-12-01T09:59:59Z"), "sabai.assignments.TherapistAssigned.v1", "liverpool", "b-1");

        EventWindow.Rates rates = window.rates();
        assertThat(rates.minutes()).hasSize(60).first().isEqualTo(Instant.parse("2026-12-01T09:01:00Z").getEpochSecond());
        assertThat(rates.minutes()).last().isEqualTo(Instant.parse("2026-12-01T10:00:00Z").getEpochSecond());
        assertThat(rates.topics().get("sabai.bookings").getFirst()).isEqualTo(1);
        assertThat(rates.topics().get("sabai.bookings").getLast()).isEqualTo(2);
        assertThat(rates.topics().get("sabai.assignments").get(58)).isEqualTo(1);
        assertThat(rates.branches().get("liverpool").requested().getLast()).isEqualTo(1);
        assertThat(rates.branches().get("liverpool").confirmed().getLast()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        EventWindow.Rates later = window.rates();
        assertThat(later.topics().get("sabai.bookings").getLast()).as("a new minute starts empty").isZero();
        assertThat(later.topics().get("sabai.bookings").get(58)).isEqualTo(2);
        assertThat(later.topics().get("sabai.bookings").stream().mapToLong(Long::longValue).sum())
                .as("09:01 has left the hour").isEqualTo(2);

        clock.advance(Duration.ofMinutes(60));
        window.record("sabai.bookings", clock.instant(), REQUESTED, "liverpool", "b-2");
        assertThat(window.rates().topics().get("sabai.bookings").stream().mapToLong(Long::longValue).sum())
                .as("a bucket reused an hour later counts from zero").isEqualTo(1);
    }

    @Test
    void aRequestIsStuckUntilItsDecisionAndDecisionsAreCountedByKind() {
        Instant start = clock.instant();
        window.record("sabai.bookings", start, REQUESTED, "liverpool", "b-1");
        window.record("sabai.bookings", start, REQUESTED, "liverpool", "b-2");
        window.record("sabai.bookings", start, REQUESTED, "bangkok", "b-3");
        window.record("sabai.bookings", start, REQUESTED, "bangkok", "b-3");

        assertThat(window.stuck(Duration.ofSeconds(60), 10)).isEmpty();
        clock.advance(Duration.ofSeconds(90));
        window.record("sabai.bookings", clock.instant(), REJECTED, "liverpool", "b-1");
        window.record("sabai.bookings", clock.instant(), ATTENTION, "liverpool", "b-2");

        assertThat(window.stuck(Duration.ofSeconds(60), 10)).singleElement().satisfies(stuck -> {
            assertThat(stuck.bookingId()).isEqualTo("b-3");
            assertThat(stuck.branchId()).isEqualTo("bangkok");
            assertThat(stuck.ageSeconds()).isEqualTo(90);
        });
        EventWindow.BranchSeries liverpool = window.rates().branches().get("liverpool");
        assertThat(liverpool.requested().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(liverpool.rejected().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertThat(liverpool.confirmed().stream().mapToLong(Long::longValue).sum()).as("needs-attention is no confirmation").isZero();
    }

    @Test
    void theOpenRequestsAndBranchesFollowedAreBounded() {
        for (int i = 0; i < 5; i++) {
            window.record("sabai.bookings", clock.instant(), REQUESTED, "branch-" + i, "b-" + i);
        }
        clock.advance(Duration.ofMinutes(5));

        assertThat(window.stuck(Duration.ofSeconds(60), 10)).extracting(EventWindow.StuckRequest::bookingId)
                .as("the oldest forgotten first").containsExactly("b-2", "b-3", "b-4");
        assertThat(window.rates().branches()).containsOnlyKeys("branch-0", "branch-1");
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
