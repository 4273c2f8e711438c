package app.sabai.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * {@code sabai.identity.*}: the OpenID Connect provider the gateway trusts and signs browsers in at. Every endpoint
 * is named outright (defaults under the issuer, in {@code application.yml}) rather than discovered, so the gateway
 * starts while the provider is still starting.
 *
 * @param issuerUri        the {@code iss} of every token ({@code http://localhost:9000} locally)
 * @param jwkSetUri        where the keys that sign tokens are published
 * @param authorizationUri where a browser is sent to sign in
 * @param tokenUri         where an authorization code or a refresh token is exchanged for tokens
 * @param userInfoUri      who the signed-in user is
 * @param endSessionUri    where a browser is sent to sign out at the provider too
 * @param audience         the {@code aud} every access token must contain
 * @param clientId         the gateway's client at the provider
 * @param clientSecret     its secret; blank means none was configured
 * @param localToken       {@code POST /auth/token} passed on to the provider (a local run only)
 */
@ConfigurationProperties("sabai.identity")
public record IdentitySettings(
        @DefaultValue("http://localhost:9000") URI issuerUri,
        URI jwkSetUri,
        URI authorizationUri,
        URI tokenUri,
        URI userInfoUri,
        URI endSessionUri,
        @DefaultValue("sabai") String audience,
        @DefaultValue("sabai-gateway") String clientId,
        String clientSecret,
        @DefaultValue LocalToken localToken) {

    /** The secret identity accepts for the gateway in demo mode only; a default secret is a public one. */
    public static final String LOCAL_CLIENT_SECRET = "sabai-gateway-local-secret";

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    /** @param enabled whether the gateway has the route {@code POST /auth/token} to the provider */
    public record LocalToken(@DefaultValue("false") boolean enabled) {
    }

    /** The issuer as tokens name it, without a trailing slash. */
    public String issuer() {
        String issuer = issuerUri.toString();
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** The scheme, host and port of the issuer, as a browser's origin. */
    public String issuerOrigin() {
        return issuerUri.getScheme() + "://" + issuerUri.getRawAuthority();
    }

    /** True when only this machine can reach the provider: its host is a loopback name or address. */
    public boolean issuerIsLocal() {
        String host = issuerUri.getHost();
        return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }
}
