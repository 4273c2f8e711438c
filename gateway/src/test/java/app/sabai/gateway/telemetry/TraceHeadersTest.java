package app.sabai.gateway.telemetry;

import app.sabai.contracts.envelope.TraceParent;
import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.StubBackend;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class TraceHeadersTest {

    @Autowired
    WebTestClient client;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApplicationContext context;

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
        assertThat(received.headers().keySet().stream().filter("traceparent"::equalsIgnoreCase)).hasSize(1);
        TraceParent sent = TraceParent.parse(received.header("traceparent")).orElseThrow();
        assertThat(sent.traceId()).isEqualTo(callers.traceId());
        assertThat(sent.parentId()).as("a span of the gateway's, not the caller's").isNotEqualTo(callers.parentId());
        assertThat(received.header("X-Correlation-Id")).isEqualTo(correlationId);
    }

    @Test
    void anExchangeIsObservedWholeNotEachSecurityFilter() {
        client.get().uri("/api/bookings/" + UUID.randomUUID()).header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).until(() -> !meters.find("http.server.requests").timers().isEmpty());
        assertThat(meters.find("spring.security.filterchains").timers()).isEmpty();
    }

    @Test
    void theAccessLogLineCarriesTheTraceAndSpanIds(CapturedOutput output) {
        TraceParent callers = TraceParent.newRoot();
        String path = "/api/branches/" + UUID.randomUUID();

        var response = client.get().uri(path).header("traceparent", callers.toString())
                .exchange().expectStatus().isOk().returnResult(String.class);

        TraceParent answered = TraceParent.parse(response.getResponseHeaders().getFirst("traceparent")).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("app.sabai.gateway.access") && line.contains("GET " + path + " -> 200")))
                .singleElement().asString().contains("[" + callers.traceId() + "-" + answered.parentId() + "]"));
    }

    @Test
    void startsATraceAndACorrelationIdWhenTheCallerSentNone() {
        String path = "/api/availability";
        String query = "?branchId=" + UUID.randomUUID();

        var response = client.get().uri(path + query).exchange().expectStatus().isOk().returnResult(String.class);

        TraceParent answered = TraceParent.parse(response.getResponseHeaders().getFirst("traceparent")).orElseThrow();
        String correlationId = response.getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(correlationId).isNotBlank();
        StubBackend.Received received = Backends.THERAPIST.receivedFor(path + query).getFirst();
        TraceParent sent = TraceParent.parse(received.header("traceparent")).orElseThrow();
        assertThat(sent.traceId()).isEqualTo(answered.traceId());
        assertThat(sent.parentId()).as("the gateway's call to the service is a span of its own").isNotEqualTo(answered.parentId());
        assertThat(sent.flags()).as("sampled").isEqualTo("01");
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

    @Test
    void noLogRecordGoesThroughOpenTelemetrySoNoIdleThreadWaitsToExportOne() {
        assertThat(context.getBeanNamesForType(SdkLoggerProvider.class)).isEmpty();
        assertThat(context.getBeanNamesForType(BatchLogRecordProcessor.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OpenTelemetry.class)).as("traces still go through OpenTelemetry").isNotEmpty();
    }
}
