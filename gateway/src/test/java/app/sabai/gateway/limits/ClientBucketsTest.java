package app.sabai.gateway.limits;

import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientBucketsTest {

    private final ClientBuckets buckets = new ClientBuckets(2, () -> Bucket.builder()
            .addLimit(limit -> limit.capacity(1).refillGreedy(1, Duration.ofHours(1)))
            .build());

    @Test
    void aClientKeepsItsBucketBetweenRequests() {
        assertThat(buckets.of("a").tryConsume(1)).isTrue();

        assertThat(buckets.of("a").tryConsume(1)).isFalse();
    }

    @Test
    void keepsNoMoreThanItsLimitDroppingTheOneUsedLongestAgo() {
        buckets.of("a").tryConsume(1);
        buckets.of("b").tryConsume(1);
        buckets.of("a");

        buckets.of("c");

        assertThat(buckets.size()).isEqualTo(2);
        assertThat(buckets.of("a").tryConsume(1)).as("a was used lately and kept").isFalse();
        assertThat(buckets.of("b").tryConsume(1)).as("b went, and starts again full").isTrue();
    }
}
