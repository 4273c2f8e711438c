package app.sabai.contracts.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Instants read digit by digit agree with the JDK's reading of the same text; anything else is read as before. */
class InstantTextTest {

    private record Stamped(Instant at) {
    }

    @Test
    void everyInstantAsTheContractsWriteItReadsBackAsTheSameInstant() {
        SplittableRandom random = new SplittableRandom(20261201);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), nanos(random, i % 4));
            assertThat(InstantText.parse(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
    }

    /** A whole second, milliseconds, microseconds or nanoseconds: the four lengths {@code Instant.toString} writes. */
    private static int nanos(SplittableRandom random, int precision) {
        return switch (precision) {
            case 0 -> 0;
            case 1 -> random.nextInt(1, 1_000) * 1_000_000;
            case 2 -> random.nextInt(1, 1_000_000) * 1_000;
            default -> random.nextInt(1, 1_000_000_000);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59.5Z", "2026-12-01T10:00:00.12Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "2026-03-29T01:30:00.0001Z"})
    void anyNumberOfFractionDigitsReadsAsTheJdkReadsIt(String text) {
        assertThat(InstantText.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-12-01T24:00:00Z",
            "2026-12-01T10:60:00Z", "2026-12-31T23:59:60Z", "2026-12-01T10:00:00.Z", "2026-12-01T10:00:00.1234567890Z",
            "2026-12-01T10:00:00+01:00", "2026-12-01T10:00:00z", "2026-12-01 10:00:00Z", "+12026-12-01T10:00:00Z",
            "2026-12-0aT10:00:00Z", "2026-12-01T10:00Z"})
    void textInAnyOtherFormIsLeftToJackson(String text) {
        assertThat(InstantText.parse(text)).isNull();
    }

    @Test
    void theContractsMapperReadsBothFormsAndRefusesAnImpossibleDate() {
        assertThat(SabaiJson.mapper().readValue("{\"at\":\"2026-12-01T10:00:00.123Z\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-12-01T10:00:00.123Z"));
        assertThat(SabaiJson.mapper().readValue("{\"at\":\"2026-12-01T11:00:00+01:00\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(SabaiJson.mapper().readValue("{\"at\":null}", Stamped.class).at()).isNull();
        assertThatThrownBy(() -> SabaiJson.mapper().readValue("{\"at\":\"2026-02-30T10:00:00Z\"}", Stamped.class))
                .isInstanceOf(DatabindException.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThat(SabaiJson.mapper().readValue(SabaiJson.mapper().writeValueAsString(new Stamped(now)), Stamped.class).at())
                .isEqualTo(now);
    }
}
