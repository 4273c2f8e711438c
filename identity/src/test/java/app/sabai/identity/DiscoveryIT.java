package app.sabai.identity;

import app.sabai.identity.testing.DemoIdentityTest;
import app.sabai.identity.testing.IdentityClient;
import app.sabai.identity.testing.Issuer;
import app.sabai.identity.testing.Jwts;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@DemoIdentityTest
class DiscoveryIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void theDiscoveryDocumentNamesTheIssuerItsEndpointsAndPkceWithS256() {
        HttpResponse<String> answer = new IdentityClient(port).get("/.well-known/openid-configuration");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode discovery = IdentityClient.json(answer);
        assertThat(discovery.get("issuer").asString()).isEqualTo(Issuer.DEFAULT);
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(Issuer.DEFAULT + "/oauth2/jwks");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(Issuer.DEFAULT + "/oauth2/token");
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(Issuer.DEFAULT + "/oauth2/authorize");
        assertThat(discovery.get("userinfo_endpoint").asString()).isEqualTo(Issuer.DEFAULT + "/userinfo");
        assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(Issuer.DEFAULT + "/connect/logout");
        assertThat(discovery.get("code_challenge_methods_supported").valueStream().map(JsonNode::asString)).contains("S256");
        assertThat(discovery.get("id_token_signing_alg_values_supported").valueStream().map(JsonNode::asString)).contains("RS256");
    }

    @Test
    void theJwksPublishesOneRsaSigningKeyWithoutItsPrivatePart() {
        JWKSet keys = Jwts.jwks(new IdentityClient(port));

        assertThat(keys.getKeys()).hasSize(1);
        JWK key = keys.getKeys().getFirst();
        assertThat(key).isInstanceOf(RSAKey.class);
        assertThat(key.getKeyID()).isNotBlank();
        assertThat(key.isPrivate()).isFalse();
        assertThat(((RSAKey) key).size()).isEqualTo(2048);
    }

    @Test
    void pagesFromTheGatewaysOriginMayCallTheTokenEndpointAndNoOtherOrigin() {
        IdentityClient identity = new IdentityClient(port);

        HttpResponse<String> gateway = identity.preflight("/oauth2/token", "http://localhost:8080", "POST");
        HttpResponse<String> stranger = identity.preflight("/oauth2/token", "https://elsewhere.example", "POST");

        assertThat(gateway.statusCode()).isEqualTo(200);
        assertThat(gateway.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theApiExplorerMayExchangeItsCodeForATokenFromTheGatewaysOrigin() {
        // Swagger UI posts the code with these headers; the browser asks first.
        HttpResponse<String> answer = new IdentityClient(port)
                .preflight("/oauth2/token", "http://localhost:8080", "POST", "content-type,x-requested-with");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("content-type", "x-requested-with");
    }

    @Test
    void healthIsUpWithoutSigningIn() {
        HttpResponse<String> answer = new IdentityClient(port).get("/actuator/health");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(IdentityClient.json(answer).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void metricsAreScrapedWithoutSigningIn() {
        IdentityClient identity = new IdentityClient(port);
        identity.get("/.well-known/openid-configuration");

        HttpResponse<String> answer = identity.get("/actuator/prometheus");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("http_server_requests_seconds_count{application=\"identity\"");
    }

    @Test
    void noLogRecordGoesThroughOpenTelemetrySoNoIdleThreadWaitsToExportOne() {
        assertThat(context.getBeanNamesForType(SdkLoggerProvider.class)).isEmpty();
        assertThat(context.getBeanNamesForType(BatchLogRecordProcessor.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OpenTelemetry.class)).as("traces still go through OpenTelemetry").isNotEmpty();
    }
}
