package app.sabai.booking.waitlist;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OfferLimitTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void aCustomerHasAtMostTheirPlacesAndTakingOneTwiceTakesOne() {
        OfferLimit limit = OfferLimit.none("somchai@example.com");
        for (String bookingId : List.of("b-1", "b-2", "b-3")) {
            limit = ((OfferLimit.Reserved) limit.reserve(bookingId, NOW, 3)).limit();
        }

        assertThat(limit.reserve("b-2", NOW, 3)).isInstanceOf(OfferLimit.HeldAlready.class);
        assertThat(limit.reserve("b-4", NOW, 3)).isInstanceOfSatisfying(OfferLimit.Full.class,
                full -> assertThat(full.places()).extracting(OfferLimit.Place::bookingId).containsExactly("b-1", "b-2", "b-3"));
        assertThat(limit.without(List.of("b-2")).reserve("b-4", NOW, 3)).isInstanceOf(OfferLimit.Reserved.class);
    }
}
