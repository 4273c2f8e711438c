package app.sabai.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers the bearer tokens that checked out (signature, issuer, audience, expiry) until each one expires, so that a
 * client's next requests with the same token are not verified again: a client keeps its token for minutes, and the
 * RSA signature and the claims' parsing were a tenth of the gateway's work per request. A token is the key, exactly as
 * sent; one that failed is never remembered, and one is forgotten at its expiry, after which the decoder it wraps
 * decides again (with its clock skew). A key withdrawn from the issuer's key set stops a remembered token only at its
 * expiry, as the key set the decoder holds is itself only refreshed every few minutes. The services do the same
 * (service-support's {@code VerifiedTokens}).
 * <p>
 * At most {@code maximumSize} tokens are kept, the least used dropped first. Its hits and misses are the
 * {@code cache.gets} meters named {@code sabai.verified-tokens}.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    static final String METERS = "sabai.verified-tokens";

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(ReactiveJwtDecoder verifier, long maximumSize, Clock clock, Ticker ticker) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> Duration.between(clock.instant(), jwt.getExpiresAt())))
                .ticker(ticker)
                .recordStats()
                .build();
    }

    static VerifiedTokens wrapping(ReactiveJwtDecoder verifier, long maximumSize, MeterRegistry meters) {
        VerifiedTokens tokens = new VerifiedTokens(verifier, maximumSize, Clock.systemUTC(), Ticker.systemTicker());
        CaffeineCacheMetrics.monitor(meters, tokens.verified, METERS);
        return tokens;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        return Mono.defer(() -> {
            Jwt known = verified.getIfPresent(token);
            if (known != null) {
                return Mono.just(known);
            }
            return verifier.decode(token).doOnNext(jwt -> {
                // A token past its expiry that the verifier accepted within its clock skew is not kept, nor one that never expires.
                if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant())) {
                    verified.put(token, jwt);
                }
            });
        });
    }
}
