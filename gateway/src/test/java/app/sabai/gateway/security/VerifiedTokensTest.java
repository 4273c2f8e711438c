package app.sabai.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final Passing clock = new Passing();
    private final Verifier verifier = new Verifier();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, 100, clock, nanos::get);

    @Test
    void aTokenThatCheckedOutIsNotVerifiedAgainUntilItExpires() {
        verifier.expiresIn("good", Duration.ofMinutes(5));

        Jwt first = tokens.decode("good").block();
        Jwt again = tokens.decode("good").block();
        later(Duration.ofMinutes(4));
        tokens.decode("good").block();

        assertThat(again).isSameAs(first);
        assertThat(verifier.verified).containsExactly("good");

        later(Duration.ofMinutes(1));
        tokens.decode("good").block();

        assertThat(verifier.verified).as("at its expiry the verifier decides again").containsExactly("good", "good");
    }

    @Test
    void aRefusedTokenIsVerifiedEveryTime() {
        assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);

        assertThat(verifier.verified).containsExactly("forged", "forged");
    }

    @Test
    void aTokenAcceptedPastItsExpiryWithinTheSkewIsNotKept() {
        verifier.expiresIn("late", Duration.ofSeconds(-30));

        tokens.decode("late").block();
        tokens.decode("late").block();

        assertThat(verifier.verified).containsExactly("late", "late");
    }

    @Test
    void nothingIsVerifiedUntilTheAnswerIsAskedFor() {
        verifier.expiresIn("good", Duration.ofMinutes(5));

        Mono<Jwt> unasked = tokens.decode("good");

        assertThat(verifier.verified).isEmpty();
        assertThat(unasked.block().getSubject()).isEqualTo("good");
        assertThat(verifier.verified).containsExactly("good");
    }

    private void later(Duration duration) {
        clock.now = clock.now.plus(duration);
        nanos.addAndGet(duration.toNanos());
    }

    /** The wall clock, moved on with the cache's ticker. */
    private static final class Passing extends Clock {

        private Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Stands in for the issuer's checks: each token named here is good until its expiry; any other is refused. */
    private final class Verifier implements ReactiveJwtDecoder {

        private final Map<String, Duration> lifetimes = new HashMap<>();
        private final List<String> verified = new ArrayList<>();

        void expiresIn(String token, Duration lifetime) {
            lifetimes.put(token, lifetime);
        }

        @Override
        public Mono<Jwt> decode(String token) {
            return Mono.fromCallable(() -> {
                verified.add(token);
                Duration lifetime = lifetimes.get(token);
                if (lifetime == null) {
                    throw new BadJwtException("refused");
                }
                return Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                        .issuedAt(clock.instant().minusSeconds(60)).expiresAt(NOW.plus(lifetime)).build();
            });
        }
    }
}
