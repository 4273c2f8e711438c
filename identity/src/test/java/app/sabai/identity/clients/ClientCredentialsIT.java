package app.sabai.identity.clients;

import app.sabai.identity.testing.DemoIdentityTest;
import app.sabai.identity.testing.IdentityClient;
import app.sabai.identity.testing.Jwts;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DemoIdentityTest
class ClientCredentialsIT {

    @LocalServerPort
    int port;

    @Test
    void theMonitorGetsAnOpsTokenForThePlatformThatExpiresWithinFifteenMinutes() throws ParseException {
        IdentityClient identity = new IdentityClient(port);

        HttpResponse<String> answer = identity.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                "Authorization", IdentityClient.basic(SabaiClients.MONITOR, SabaiClients.LOCAL_MONITOR_SECRET));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode token = IdentityClient.json(answer);
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.has("refresh_token")).isFalse();
        JWTClaimsSet claims = Jwts.verifyAccessToken(token.get("access_token").asString(), identity);
        assertThat(claims.getAudience()).contains("sabai", SabaiClients.MONITOR);
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPS");
        assertThat(claims.getSubject()).isEqualTo(SabaiClients.MONITOR);
        assertThat(claims.getClaim("branches")).isNull();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now())
                .isBeforeOrEqualTo(Instant.now().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aWrongSecretIsRefused() {
        HttpResponse<String> answer = new IdentityClient(port).postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                "Authorization", IdentityClient.basic(SabaiClients.MONITOR, "not-the-secret"));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(IdentityClient.json(answer).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void theGatewayCannotUseClientCredentials() {
        HttpResponse<String> answer = new IdentityClient(port).postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                "Authorization", IdentityClient.basic(SabaiClients.GATEWAY, SabaiClients.LOCAL_GATEWAY_SECRET));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.json(answer).get("error").asString()).isEqualTo("unauthorized_client");
    }
}
