package app.sabai.support.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeriodicSweepTest {

    @Test
    void aFailedRunIsFollowedByTheNextAndStoppingEndsTheRuns() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicSweep sweep = PeriodicSweep.of("test-sweep", Duration.ZERO, Duration.ofMillis(10), "Testing", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("the store is away");
            }
        });

        sweep.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        sweep.stop();
        assertThat(sweep.isRunning()).isFalse();

        // A run already under way may still end; after that, nothing more runs.
        await().pollDelay(Duration.ofMillis(50)).until(() -> true);
        int afterStop = runs.get();
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(runs.get()).isEqualTo(afterStop));
    }

    @Test
    void theFirstRunWaitsForItsDelay() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicSweep sweep = PeriodicSweep.of("test-sweep", Duration.ofHours(1), Duration.ofHours(1), "Testing", runs::incrementAndGet);

        sweep.start();
        try {
            assertThat(sweep.isRunning()).isTrue();
            await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(runs.get()).isZero());
        } finally {
            sweep.stop();
        }
    }
}
