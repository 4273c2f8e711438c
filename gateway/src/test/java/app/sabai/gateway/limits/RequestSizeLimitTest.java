package app.sabai.gateway.limits;

import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class RequestSizeLimitTest {

    private static final int LIMIT = 64 * 1024;

    @Autowired
    WebTestClient client;

    @Test
    void refusesABodyAboveTheLimitWith413BeforeAnyBackendSeesIt() {
        String path = "/api/bookings/" + UUID.randomUUID() + "/notes";

        client.post().uri(path)
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(jsonOfSize(LIMIT + 1))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.type").isEqualTo("https://sabai.app/problems/request-too-large")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("64 KB"));

        assertThat(Backends.BOOKING.receivedFor(path)).isEmpty();
    }

    @Test
    void refusesAChunkedBodyThatGrowsPastTheLimit() {
        String path = "/api/bookings/" + UUID.randomUUID() + "/notes";
        Flux<DataBuffer> chunks = Flux.range(0, 20)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(("x".repeat(8 * 1024)).getBytes(StandardCharsets.UTF_8)));

        client.post().uri(path)
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(Backends.BOOKING.receivedFor(path)).isEmpty();
    }

    @Test
    void passesABodyJustWithinTheLimit() {
        String path = "/api/bookings/" + UUID.randomUUID() + "/notes";
        String body = jsonOfSize(LIMIT);

        client.post().uri(path)
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk();

        assertThat(Backends.BOOKING.receivedFor(path)).singleElement()
                .satisfies(received -> assertThat(received.body()).isEqualTo(body));
    }

    private static String jsonOfSize(int bytes) {
        String start = "{\"note\":\"";
        String end = "\"}";
        return start + "n".repeat(bytes - start.length() - end.length()) + end;
    }
}
