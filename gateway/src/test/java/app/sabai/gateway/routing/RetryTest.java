package app.sabai.gateway.routing;

import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class RetryTest {

    @Autowired
    WebTestClient client;

    @Test
    void aReadThatMeetsAnUnavailableBackendIsTriedAgain() {
        String path = "/api/bookings/" + UUID.randomUUID();
        Backends.BOOKING.answerNext(path, 503);

        client.get().uri(path).header("Authorization", Callers.bearer(Callers.CUSTOMER)).exchange().expectStatus().isOk();

        assertThat(Backends.BOOKING.receivedFor(path)).hasSize(2);
    }

    @Test
    void aPostWithAnIdempotencyKeyIsTriedAgainWithTheSameBody() {
        String path = "/api/bookings/" + UUID.randomUUID() + "/cancellation";
        Backends.BOOKING.answerNext(path, 503);

        client.post().uri(path)
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .bodyValue("{\"reason\":\"ill\"}")
                .exchange()
                .expectStatus().isOk();

        assertThat(Backends.BOOKING.receivedFor(path)).hasSize(2)
                .allSatisfy(received -> assertThat(received.body()).isEqualTo("{\"reason\":\"ill\"}"));
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsSentOnlyOnce() {
        String path = "/api/bookings/" + UUID.randomUUID() + "/cancellation";
        Backends.BOOKING.answerNext(path, 503);

        client.post().uri(path)
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .header("Content-Type", "application/json")
                .bodyValue("{\"reason\":\"ill\"}")
                .exchange()
                .expectStatus().isEqualTo(503);

        assertThat(Backends.BOOKING.receivedFor(path)).hasSize(1);
    }
}
