package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentKeysTest {

    private static KeyValue key(Object... values) {
        return new KeyValue(values);
    }

    @Test
    void aKeptKeyAnswersWithItsPositionUntilItIsForgotten() {
        RecentKeys recent = new RecentKeys(16);
        assertThat(recent.positionOf(key("booking-1"))).isNull();

        recent.keep(key("booking-1"), 7L);
        assertThat(recent.positionOf(key("booking-1"))).isEqualTo(7L);
        assertThat(recent.positionOf(key("booking-2"))).isNull();

        recent.keep(key("booking-1"), 9L);
        assertThat(recent.positionOf(key("booking-1"))).isEqualTo(9L);

        recent.forget(key("booking-1"));
        assertThat(recent.positionOf(key("booking-1"))).isNull();
    }

    @Test
    void aKeyLookedForAndNotFoundIsKeptAsAbsentUntilItIsGivenAPosition() {
        RecentKeys recent = new RecentKeys(16);
        recent.keep(key("new-customer@example.com"), null);
        assertThat(recent.positionOf(key("new-customer@example.com"))).isSameAs(RecentKeys.ABSENT);

        recent.keep(key("new-customer@example.com"), 3L);
        assertThat(recent.positionOf(key("new-customer@example.com"))).isEqualTo(3L);
    }

    @Test
    void onlyKeysOfOneStringAreKept() {
        RecentKeys recent = new RecentKeys(16);
        // 1 and 1L are one key to the index; a table keyed by Java equality could answer for one and miss the other's removal.
        recent.keep(key(1), 1L);
        recent.keep(key(1L), 1L);
        recent.keep(key("a", "b"), 2L);
        recent.keep(key((Object) null), 3L);

        assertThat(recent.positionOf(key(1))).isNull();
        assertThat(recent.positionOf(key(1L))).isNull();
        assertThat(recent.positionOf(key("a", "b"))).isNull();
        assertThat(recent.positionOf(key((Object) null))).isNull();
    }

    @Test
    void forgettingAKeyLeavesTheKeyThatTookItsSlot() {
        RecentKeys recent = new RecentKeys(1);
        recent.keep(key("first"), 1L);
        recent.keep(key("second"), 2L);

        assertThat(recent.positionOf(key("first"))).isNull();
        recent.forget(key("first"));
        assertThat(recent.positionOf(key("second"))).isEqualTo(2L);
    }

    /** Against a map of every key: whatever it answers is the latest position (or absence) given for the key, never a forgotten one. */
    @Test
    void whatItAnswersIsAlwaysTheLatestPositionOfTheKey() {
        RecentKeys recent = new RecentKeys(8);
        Map<String, Long> latest = new HashMap<>();
        Random random = new Random(20261202);
        int answered = 0;
        for (int step = 0; step < 20_000; step++) {
            String name = "key-" + random.nextInt(40);
            switch (random.nextInt(3)) {
                case 0 -> {
                    Long position = random.nextInt(5) == 0 ? null : Long.valueOf(random.nextInt(1_000));
                    recent.keep(key(name), position);
                    latest.put(name, position);
                }
                case 1 -> {
                    recent.forget(key(name));
                    latest.remove(name);
                }
                default -> {
                    Object position = recent.positionOf(key(name));
                    if (position != null) {
                        answered++;
                        Object expected = latest.get(name) == null ? RecentKeys.ABSENT : latest.get(name);
                        assertThat(position).as("%s at step %d", name, step).isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(answered).isGreaterThan(500);
    }

    @Test
    void itsSlotsAreAPowerOfTwo() {
        assertThatThrownBy(() -> new RecentKeys(12)).isInstanceOf(IllegalArgumentException.class);
    }
}
