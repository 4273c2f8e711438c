package app.sabai.gateway.security;

import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.WebSessionsCounted;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bearer token that checked out is not verified again for the requests that bring it; one that did not, every time. A
 * call with a bearer token keeps nothing between requests.
 */
@GatewayTest
class BearerTokensTest {

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTokenThatCheckedOutIsVerifiedOnceForTheRequestsThatBringIt() {
        String bearer = Callers.bearer(Callers.STAFF_BANGKOK);
        String path = "/api/branches/" + UUID.randomUUID();
        client.get().uri(path).header("Authorization", bearer).exchange().expectStatus().isOk();
        double hits = lookups("hit");
        double misses = lookups("miss");

        for (int i = 0; i < 3; i++) {
            client.get().uri(path).header("Authorization", bearer).exchange().expectStatus().isOk();
        }
        String tampered = bearer.substring(0, bearer.length() - 4) + (bearer.endsWith("AAAA") ? "BBBB" : "AAAA");
        client.get().uri(path).header("Authorization", tampered).exchange().expectStatus().isUnauthorized();
        client.get().uri(path).header("Authorization", tampered).exchange().expectStatus().isUnauthorized();

        assertThat(lookups("hit") - hits).isEqualTo(3);
        assertThat(lookups("miss") - misses).as("the tampered token, verified and refused each time").isEqualTo(2);
    }

    @Test
    void aCallWithABearerTokenMakesNoWebSessionWhereAPageVisitDoes() {
        String bearer = Callers.bearer(Callers.STAFF_BANGKOK);
        long before = WebSessionsCounted.made();

        client.get().uri("/api/branches/" + UUID.randomUUID()).header("Authorization", bearer).exchange().expectStatus().isOk();
        client.post().uri("/api/bookings").header("Authorization", bearer).bodyValue("{}").exchange().expectStatus().value(status ->
                assertThat(status).as("answered by the backend, not refused by the gateway").isNotIn(401, 403));
        client.get().uri("/api/ops/dead-letters").header("Authorization", bearer).exchange().expectStatus().isForbidden();
        long byBearerCalls = WebSessionsCounted.made() - before;
        client.get().uri("/staff").exchange().expectStatus().is3xxRedirection();

        assertThat(byBearerCalls).as("web sessions made for three bearer-token calls").isZero();
        assertThat(WebSessionsCounted.made() - before).as("a page visit without a session, sent to sign in, gets one").isPositive();
    }

    private double lookups(String result) {
        return meters.get("cache.gets").tag("cache", VerifiedTokens.METERS).tag("result", result).functionCounter().count();
    }
}
