package app.sabai.support.testing;

import app.sabai.support.security.Caller;
import app.sabai.support.security.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An issuer of access tokens for a service's own tests, started once per test JVM: it publishes its key set over
 * HTTP as an identity provider does, so the service validates its tokens exactly as it validates real ones (the
 * signature through the key set, the issuer, the audience, the expiry). The identity module, the gateway and the
 * system tests use the real identity provider; a service's tests need callers of any branch and any customer id.
 */
public final class TestIssuer {

    private static volatile TestIssuer shared;

    private final RSAKey key;
    private final NimbusJwtEncoder encoder;
    private final String issuer;

    private TestIssuer(RSAKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    public static TestIssuer get() {
        TestIssuer issuer = shared;
        if (issuer == null) {
            synchronized (TestIssuer.class) {
                issuer = shared;
                if (issuer == null) {
                    shared = issuer = start();
                }
            }
        }
        return issuer;
    }

    public String issuerUri() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    /** A token for {@code caller}, valid for 15 minutes. */
    public String token(Caller caller) {
        return token(caller, issuer, "sabai", Instant.now(), Duration.ofMinutes(15));
    }

    /** A token with any issuer, audience and lifetime, signed with this issuer's key: for the tests of refusals. */
    public String token(Caller caller, String issuedBy, String audience, Instant issuedAt, Duration lifetime) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuedBy)
                .subject(caller.subject())
                .audience(List.of(audience, "sabai-test"))
                .issuedAt(issuedAt)
                .notBefore(issuedAt)
                .expiresAt(issuedAt.plus(lifetime))
                .id(UUID.randomUUID().toString())
                .claim(Caller.ROLES_CLAIM, caller.roles().stream().map(Role::name).sorted().toList());
        if (!caller.branches().isEmpty()) {
            claims.claim(Caller.BRANCHES_CLAIM, caller.branches().stream().sorted().toList());
        }
        if (caller.name() != null) {
            claims.claim("name", caller.name());
        }
        if (caller.email() != null) {
            claims.claim("email", caller.email());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    /** {@code Authorization} header value for {@code caller}. */
    public String bearer(Caller caller) {
        return "Bearer " + token(caller);
    }

    private static TestIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            byte[] keySet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keySet.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(keySet);
                }
            });
            server.setExecutor(command -> Thread.ofPlatform().daemon().start(command));
            // The dispatcher thread takes the daemon status of the thread that starts it: it must not keep the JVM alive.
            Thread starter = Thread.ofPlatform().daemon().start(server::start);
            starter.join();
            return new TestIssuer(key, "http://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not make a signing key", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the test issuer", e);
        }
    }
}
