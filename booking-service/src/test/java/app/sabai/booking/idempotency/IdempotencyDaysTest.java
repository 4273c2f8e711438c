package app.sabai.booking.idempotency;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyDaysTest {

    static final Instant LATE_ON_THE_1ST = Instant.parse("2026-12-01T23:59:59Z");
    static final Instant EARLY_ON_THE_2ND = Instant.parse("2026-12-02T00:00:01Z");

    @Test
    void aKeyIsWrittenToItsDayAndTheNextAndLookedUpInTodays() {
        assertThat(IdempotencyDays.claim(LATE_ON_THE_1ST)).containsExactly("idempotency_20261201", "idempotency_20261202");
        assertThat(IdempotencyDays.lookup(LATE_ON_THE_1ST)).isEqualTo("idempotency_20261201");
        assertThat(IdempotencyDays.lookup(EARLY_ON_THE_2ND)).isEqualTo("idempotency_20261202");
    }

    @Test
    void twoFirstUsesAcrossMidnightShareACollection() {
        assertThat(IdempotencyDays.claim(LATE_ON_THE_1ST)).containsAnyElementsOf(IdempotencyDays.claim(EARLY_ON_THE_2ND));
    }

    @Test
    void everyKeyOfTheLastDayIsInTodaysCollection() {
        for (int hoursAgo = 0; hoursAgo < 24; hoursAgo++) {
            Instant firstUse = EARLY_ON_THE_2ND.minus(Duration.ofHours(hoursAgo));
            assertThat(IdempotencyDays.claim(firstUse)).contains(IdempotencyDays.lookup(EARLY_ON_THE_2ND));
        }
    }

    @Test
    void aKeyIsHonouredFor24Hours() {
        Instant firstUse = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(IdempotencyDays.expired(firstUse, firstUse.plus(Duration.ofHours(24)).minusMillis(1))).isFalse();
        assertThat(IdempotencyDays.expired(firstUse, firstUse.plus(Duration.ofHours(24)))).isTrue();
    }

    @Test
    void aClaimInProgressIsAbandonedAfterItsLease() {
        Instant claimed = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(IdempotencyDays.abandoned(claimed, claimed.plusSeconds(29))).isFalse();
        assertThat(IdempotencyDays.abandoned(claimed, claimed.plusSeconds(30))).isTrue();
    }

    @Test
    void collectionsBeforeYesterdayAreDropped() {
        assertThat(IdempotencyDays.droppable("idempotency_20261130", EARLY_ON_THE_2ND)).isTrue();
        assertThat(IdempotencyDays.droppable("idempotency_20261201", EARLY_ON_THE_2ND)).isFalse();
        assertThat(IdempotencyDays.droppable("idempotency_20261202", EARLY_ON_THE_2ND)).isFalse();
        assertThat(IdempotencyDays.droppable("idempotency_20261203", EARLY_ON_THE_2ND)).isFalse();
        assertThat(IdempotencyDays.droppable("bookings", EARLY_ON_THE_2ND)).isFalse();
        assertThat(IdempotencyDays.droppable("idempotency_latest", EARLY_ON_THE_2ND)).isFalse();
    }

    @Test
    void theSameRequestDigestsTheSameHoweverItsJsonIsWritten() {
        String digest = RequestDigest.of("POST", "/api/bookings/b-1/cancellation", bytes("{\"reason\":\"Ill\",\"x\":{\"b\":1,\"a\":2}}"));

        assertThat(RequestDigest.of("POST", "/api/bookings/b-1/cancellation", bytes("{ \"x\": {\"a\": 2, \"b\": 1}, \"reason\": \"Ill\" }")))
                .isEqualTo(digest);
        assertThat(RequestDigest.of("POST", "/api/bookings/b-2/cancellation", bytes("{\"reason\":\"Ill\",\"x\":{\"b\":1,\"a\":2}}")))
                .as("another booking").isNotEqualTo(digest);
        assertThat(RequestDigest.of("POST", "/api/bookings/b-1/cancellation", bytes("{\"reason\":\"ill\",\"x\":{\"b\":1,\"a\":2}}")))
                .as("another reason").isNotEqualTo(digest);
        assertThat(RequestDigest.of("POST", "/api/bookings/b-1/cancellation", bytes("not json")))
                .isEqualTo(RequestDigest.of("POST", "/api/bookings/b-1/cancellation", bytes("not json")))
                .isNotEqualTo(RequestDigest.of("POST", "/api/bookings/b-1/cancellation", bytes("not  json")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
