package app.sabai.gateway.trace;

import app.sabai.contracts.envelope.TraceParent;
import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.StubBackend;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class TraceHeadersTest {

    @Autowired
    WebTestClient client;

    @Test
    void continuesTheCallersTraceAndKeepsItsCorrelationId() {
        TraceParent callers = TraceParent.newRoot();
        String correlationId = "order-" + UUID.randomUUID();
        String path = "/api/bookings/" + UUID.randomUUID();

        var response = client.get().uri(path)
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .header("traceparent", callers.toString())
                .header("X-Correlation-Id", correlationId)
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class);

        TraceParent answered = TraceParent.parse(response.getResponseHeaders().getFirst("traceparent")).orElseThrow();
        assertThat(answered.traceId()).isEqualTo(callers.traceId());
        assertThat(response.getResponseHeaders().get("traceparent")).hasSize(1);
        assertThat(response.getResponseHeaders().getFirst("X-Correlation-Id")).isEqualTo(correlationId);

        StubBackend.Received received = Backends.BOOKING.receivedFor(path).getFirst();
        assertThat(TraceParent.parse(received.header("traceparent")).orElseThrow().traceId()).isEqualTo(callers.traceId());
        assertThat(received.header("X-Correlation-Id")).isEqualTo(correlationId);
    }

    @Test
    void startsATraceAndACorrelationIdWhenTheCallerSentNone() {
        String path = "/api/availability";
        String query = "?branchId=" + UUID.randomUUID();

        var response = client.get().uri(path + query).exchange().expectStatus().isOk().returnResult(String.class);

        String traceparent = response.getResponseHeaders().getFirst("traceparent");
        String correlationId = response.getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(TraceParent.parse(traceparent)).isPresent();
        assertThat(correlationId).isNotBlank();
        StubBackend.Received received = Backends.THERAPIST.receivedFor(path + query).getFirst();
        assertThat(received.header("traceparent")).isEqualTo(traceparent);
        assertThat(received.header("X-Correlation-Id")).isEqualTo(correlationId);
    }

    @Test
    void replacesAMalformedTraceparentAndAnUnsafeCorrelationId() {
        var response = client.get().uri("/api/bookings/" + UUID.randomUUID())
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .header("traceparent", "00-not-a-trace-01")
                .header("X-Correlation-Id", "evil\tvalue with spaces")
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class);

        assertThat(TraceParent.parse(response.getResponseHeaders().getFirst("traceparent"))).isPresent();
        assertThat(response.getResponseHeaders().getFirst("X-Correlation-Id")).isNotEqualTo("evil\tvalue with spaces").isNotBlank();
    }

    @Test
    void answersTheGatewaysOwnErrorsWithTheTraceToo() {
        TraceParent callers = TraceParent.newRoot();

        var response = client.get().uri("/api/nowhere")
                .header("traceparent", callers.toString())
                .exchange()
                .expectStatus().isNotFound()
                .returnResult(String.class);

        assertThat(TraceParent.parse(response.getResponseHeaders().getFirst("traceparent")).orElseThrow().traceId())
                .isEqualTo(callers.traceId());
        assertThat(response.getResponseHeaders().getFirst("X-Correlation-Id")).isNotBlank();
    }
}
