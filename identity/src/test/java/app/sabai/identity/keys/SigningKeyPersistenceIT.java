package app.sabai.identity.keys;

import app.sabai.identity.IdentityApplication;
import app.sabai.identity.clients.SabaiClients;
import app.sabai.identity.testing.IdentityClient;
import app.sabai.identity.testing.Issuer;
import app.sabai.identity.testing.Jwts;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The signing key in {@code sabai.identity.key-file} outlives a restart, and so do the tokens it signed. */
class SigningKeyPersistenceIT {

    @TempDir
    Path data;

    @Test
    void aRestartOnTheSameKeyFilePublishesTheSameKeyAndAcceptsEarlierTokens() throws IOException {
        Path keyFile = data.resolve("identity").resolve("signing-key.json");
        String firstKeyId;
        String token;
        try (ConfigurableApplicationContext first = start(keyFile)) {
            IdentityClient identity = client(first);
            firstKeyId = Jwts.jwks(identity).getKeys().getFirst().getKeyID();
            HttpResponse<String> answer = identity.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                    "Authorization", IdentityClient.basic(SabaiClients.MONITOR, "monitor-secret"));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            token = IdentityClient.json(answer).get("access_token").asString();
        }
        assertThat(keyFile).exists();
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }

        try (ConfigurableApplicationContext second = start(keyFile)) {
            JWKSet keys = Jwts.jwks(client(second));

            assertThat(keys.getKeys()).singleElement().satisfies(key -> assertThat(key.getKeyID()).isEqualTo(firstKeyId));
            JWTClaimsSet claims = Jwts.verify(token, keys, Issuer.DEFAULT, "sabai");
            assertThat(claims.getSubject()).isEqualTo(SabaiClients.MONITOR);
        }
    }

    private static ConfigurableApplicationContext start(Path keyFile) {
        return new SpringApplicationBuilder(IdentityApplication.class).run("--server.port=0",
                "--sabai.identity.clients.gateway-secret=gateway-secret",
                "--sabai.identity.clients.monitor-secret=monitor-secret",
                "--sabai.identity.key-file=" + keyFile);
    }

    private static IdentityClient client(ConfigurableApplicationContext context) {
        return new IdentityClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
