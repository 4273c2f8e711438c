package app.sabai.infra.mongo;

import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Positions keep the order H2 gave them, numbers among themselves and with the ids of documents stored before. */
class PositionKeyTypeTest {

    @Test
    void everyPairOfKeysComparesAsH2ComparesIt() {
        List<Object> keys = List.of(1L, 2L, 41L, Long.MAX_VALUE, Long.MIN_VALUE, -7L, 3, 5, "booking-a", "booking-b",
                UUID.fromString("0031df37-7ebe-4a63-abd7-1178cbcb55e9"), UUID.fromString("f3d7bede-3af6-4b10-82c4-5725f459cf34"), 2.5);
        PositionKeyType positions = new PositionKeyType();
        ObjectDataType h2 = new ObjectDataType();
        for (Object a : keys) {
            for (Object b : keys) {
                assertThat(Integer.signum(positions.compare(a, b))).as("%s against %s", a, b).isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
        assertThat(positions.compare(41L, 2L)).isPositive();
        assertThat(positions.compare(7L, 7L)).isZero();
    }
}
