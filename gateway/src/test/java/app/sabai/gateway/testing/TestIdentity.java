package app.sabai.gateway.testing;

import app.sabai.identity.IdentityApplication;
import app.sabai.identity.keys.SigningKeys;
import app.sabai.infra.Ports;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real identity provider, started once per test JVM in this JVM (demo mode, its issuer on a free local port),
 * with a signing key the tests know, so they can also make tokens it would never issue: expired ones, or for another
 * audience. It sends browsers back to the shared gateway test context's port, {@link #GATEWAY_PORT}.
 */
public final class TestIdentity {

    /** Where the shared gateway context listens: identity knows it as the gateway's address. */
    public static final int GATEWAY_PORT = Ports.free();
    /** How long identity's access tokens last here. */
    public static final Duration ACCESS_TOKEN_TTL = Duration.ofSeconds(62);
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(30);

    private static TestIdentity started;

    private final String issuer;
    private final RSAKey signingKey;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();

    private record Issued(String token, Instant at) {
    }

    private TestIdentity(String issuer, RSAKey signingKey) {
        this.issuer = issuer;
        this.signingKey = signingKey;
    }

    public static synchronized TestIdentity get() {
        if (started == null) {
            started = start();
        }
        return started;
    }

    private static TestIdentity start() {
        int port = Ports.free();
        String issuer = "http://localhost:" + port;
        JWKSet keys = SigningKeys.generate();
        Path keyFile;
        try {
            keyFile = Files.createTempFile("sabai-identity-", ".json");
            keyFile.toFile().deleteOnExit();
            Files.writeString(keyFile, keys.toString(false), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new SpringApplicationBuilder(IdentityApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        // The gateway's application.yml comes first on this class path; identity must not read it.
                        "spring.config.name", "identity-in-gateway-tests",
                        "spring.application.name", "identity",
                        "spring.mvc.problemdetails.enabled", "true",
                        "spring.cloud.gateway.server.webflux.enabled", "false",
                        "server.port", Integer.toString(port),
                        "spring.security.oauth2.authorizationserver.issuer", issuer,
                        "sabai.identity.demo.enabled", "true",
                        // Just over the minute before expiry at which the gateway refreshes, so a test sees a refresh.
                        "sabai.identity.access-token-ttl", ACCESS_TOKEN_TTL.toString(),
                        "sabai.identity.gateway-url", "http://localhost:" + GATEWAY_PORT,
                        "sabai.identity.key-file", keyFile.toString()))
                // The gateway's API explorer is on this class path too; identity has no documents to serve.
                .properties("springdoc.api-docs.enabled=false")
                .run();
        return new TestIdentity(issuer, (RSAKey) keys.getKeys().getFirst());
    }

    public String issuer() {
        return issuer;
    }

    /** A demo user's access token from {@code POST /auth/token} (the password is the user name), reused while fresh. */
    public String token(String username) {
        return tokens.compute(username, (user, issued) -> issued != null && issued.at().plus(TOKEN_REUSE).isAfter(Instant.now())
                ? issued
                : new Issued(fetchToken(user), Instant.now())).token();
    }

    /** A token signed with identity's own key, with whatever claims a test needs. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, signingKey);
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String fetchToken(String username) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + username))
                .build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("No token for " + username + ": " + answer.statusCode() + " " + answer.body());
            }
            return JsonMapper.builder().build().readTree(answer.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
