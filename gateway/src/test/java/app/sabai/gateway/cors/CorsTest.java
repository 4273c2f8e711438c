package app.sabai.gateway.cors;

import app.sabai.gateway.testing.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

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
                .expectHeader().value("Access-Control-Allow-Headers", headers -> org.assertj.core.api.Assertions.assertThat(headers).containsIgnoringCase("Idempotency-Key"));
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
        client.get().uri("/api/bookings/" + java.util.UUID.randomUUID())
                .header("Origin", "http://localhost:8080")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:8080")
                .expectHeader().value("Access-Control-Expose-Headers", exposed -> org.assertj.core.api.Assertions.assertThat(exposed).contains("traceparent"));
    }
}
