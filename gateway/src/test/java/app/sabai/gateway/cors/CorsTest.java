package app.sabai.gateway.cors;

import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class CorsTest {

    @Autowired
    WebTestClient client;

    @Test
    void allowsAPreflightFromTheConfiguredOrigin() {
        client.options().uri("/api/bookings")
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type, Idempotency-Key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:8080")
                .expectHeader().value("Access-Control-Allow-Headers", headers -> assertThat(headers).containsIgnoringCase("Idempotency-Key"));
    }

    @Test
    void aPreflightNeedsNoTokenEvenWhereTheRequestWillNeedOne() {
        client.options().uri("/api/ops/events")
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:8080")
                .expectHeader().value("Access-Control-Allow-Headers", headers -> assertThat(headers).containsIgnoringCase("Authorization"));
    }

    @Test
    void refusesAPreflightFromAnyOtherOrigin() {
        client.options().uri("/api/bookings")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    @Test
    void exposesTheTraceHeadersToTheAllowedOrigin() {
        client.get().uri("/api/bookings/" + UUID.randomUUID())
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .header("Origin", "http://localhost:8080")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:8080")
                .expectHeader().value("Access-Control-Expose-Headers", exposed -> assertThat(exposed).contains("traceparent"));
    }
}
