package app.sabai.gateway.security;

import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class SecurityHeadersTest {

    @Autowired
    WebTestClient client;

    @Test
    void anApiAnswerCarriesTheSecurityHeaders() {
        client.get().uri("/api/branches")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'")
                        .contains("form-action 'self' " + TestIdentity.get().issuer()))
                .expectHeader().doesNotExist("Strict-Transport-Security");
    }

    @Test
    void theGatewaysOwnRefusalsCarryThemToo() {
        client.get().uri("/api/bookings")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().exists("Content-Security-Policy");
    }
}
