package app.sabai.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers the access tokens that checked out (signature, issuer, audience, expiry) until each one expires, so that a
 * client's next requests with the same token are not verified again: a client keeps its token for minutes, and the
 * RSA signature and the claims' parsing were 4 % of booking-service's work (a tenth of the gateway's, which does the
 * same with its reactive twin). A token is the key, exactly as sent; one that failed is never remembered, and one is
 * forgotten at its expiry, after which the decoder it wraps decides again (with its clock skew). A key withdrawn from
 * the issuer's key set stops a remembered token only at its expiry, as the key set the decoder holds is itself only
 * refreshed every few minutes.
 * <p>
 * At most {@code maximumSize} tokens are kept, the least used dropped first. Its hits and misses are the
 * {@code cache.gets} meters named {@code sabai.verified-tokens}.
 */
public final class VerifiedTokens implements JwtDecoder {

    /** The name of its meters. */
    public static final String METERS = "sabai.verified-tokens";

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, long maximumSize, Clock clock, Ticker ticker) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> Duration.between(clock.instant(), jwt.getExpiresAt())))
                .ticker(ticker)
                .recordStats()
                .build();
    }

    /** Wraps the service's decoder, with its hits and misses on {@code meters}. */
    public static VerifiedTokens wrapping(JwtDecoder verifier, long maximumSize, MeterRegistry meters) {
        VerifiedTokens tokens = new VerifiedTokens(verifier, maximumSize, Clock.systemUTC(), Ticker.systemTicker());
        CaffeineCacheMetrics.monitor(meters, tokens.verified, METERS);
        return tokens;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        // A token past its expiry that the verifier accepted within its clock skew is not kept, nor one that never expires.
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant())) {
            verified.put(token, jwt);
        }
        return jwt;
    }
}
