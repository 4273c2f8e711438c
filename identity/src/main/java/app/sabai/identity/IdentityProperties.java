package app.sabai.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code sabai.identity.*}. The issuer itself is Spring's {@code spring.security.oauth2.authorizationserver.issuer}.
 *
 * @param accessTokenTtl how long an access token is valid
 * @param keyFile        where the signing key is kept across restarts; null: a new key in memory at every start
 * @param gatewayUrl     the gateway's public address, which the browser clients are sent back to
 */
@ConfigurationProperties("sabai.identity")
public record IdentityProperties(
        @DefaultValue("PT15M") Duration accessTokenTtl,
        Path keyFile,
        @DefaultValue("http://localhost:8080") URI gatewayUrl,
        @DefaultValue Demo demo,
        @DefaultValue Clients clients) {

    public IdentityProperties {
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("sabai.identity.access-token-ttl must be above zero, not " + accessTokenTtl);
        }
    }

    /** @param enabled demo users and {@code POST /auth/token}; refused unless the issuer is on this machine */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }

    /** The secrets of the confidential clients; blank means not set. */
    public record Clients(String gatewaySecret, String monitorSecret) {
    }
}
