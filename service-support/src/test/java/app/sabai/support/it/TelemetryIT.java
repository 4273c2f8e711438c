package app.sabai.support.it;

import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxRelay;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestCallers;
import app.sabai.support.testing.TestIssuer;
import app.sabai.support.testing.TestRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** One trace from a request through the outbox to Kafka and on into a consumer; the measures every service exposes. */
@SabaiServiceTest
class TelemetryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    SupportTestApplication.ReceivedBookingEvents listener;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Tracer tracer;
    @Autowired
    Propagator propagator;
    @Autowired
    SupportTestApplication.BatchedNotificationEvents batched;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void anEventWrittenWhileHandlingARequestIsPublishedLaterInTheRequestsTrace() throws Exception {
        TraceParent gateway = TraceParent.newRoot();

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/widgets/widget-" + UUID.randomUUID() + "/completion"))
                .header("Authorization", TestIssuer.get().bearer(TestCallers.customer()))
                .header(CloudEventHeaders.TRACEPARENT, gateway.toString())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ConsumerRecord<String, byte[]> record = TestRecords.find(Topic.BOOKINGS.topicName(),
                r -> answer.body().equals(TestRecords.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(20)).orElseThrow();
        TraceParent published = TraceParent.parse(TestRecords.header(record, CloudEventHeaders.TRACEPARENT)).orElseThrow();
        assertThat(published.traceId()).isEqualTo(gateway.traceId());
        assertThat(published.parentId()).isNotEqualTo(gateway.parentId());
        assertThat(published.flags()).isEqualTo("01");
    }

    @Test
    void aRequestIsObservedWholeAndItsAuthorizationToldButNotEachSecurityFilter() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/widgets/widget-" + UUID.randomUUID() + "/completion"))
                .header("Authorization", TestIssuer.get().bearer(TestCallers.customer()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !meters.find("http.server.requests").timers().isEmpty());
        assertThat(meters.find("spring.security.authorizations").timers()).isNotEmpty();
        assertThat(meters.find("spring.security.filterchains").timers()).isEmpty();
    }

    @Test
    void aConsumedRecordsTraceIsTheListenersCurrentSpanAndItsLogLines() {
        TraceParent producer = TraceParent.newRoot();
        BookingCompleted event = new BookingCompleted(UUID.randomUUID(), Instant.now(), "booking-" + UUID.randomUUID(), "liverpool", "t-5");

        TestRecords.publish(Topic.BOOKINGS.topicName(), event, producer);

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received.contains(event));
        assertThat(listener.traceIds.get(event.eventId())).isEqualTo(producer.traceId());
        assertThat(listener.loggedTraceIds.get(event.eventId())).isEqualTo(producer.traceId());
    }

    @Test
    void aDeadLetterIsCountedByTheTopicItCameFrom() throws Exception {
        double before = deadLetters();
        String poisonKey = "poison-" + UUID.randomUUID();

        TestRecords.publishRaw(Topic.BOOKINGS.topicName(), poisonKey, "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", "sabai.bookings.BookingCompleted.v1", "ce_id", UUID.randomUUID().toString()));

        assertThat(TestRecords.find(Topic.BOOKINGS.deadLetterTopicName(), r -> poisonKey.equals(r.key()), Duration.ofSeconds(30))).isPresent();
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters() >= before + 1);
        assertThat(scrape()).contains("sabai_kafka_dead_letters_total{application=\"support-test\",topic=\"sabai.bookings\"}");
    }

    @Test
    void prometheusIsScrapedWithoutATokenAndShowsTheOutboxBacklog() throws Exception {
        HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("sabai_outbox_backlog{application=\"support-test\",collection=\"widgets\"}");
    }

    @Test
    void theBacklogCountsWhatTheRelayCouldNotPublishUntilItIsGone() {
        String collection = "stuck_widgets";
        String id = "widget-" + UUID.randomUUID();
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, Object> brokerAway = mock(KafkaTemplate.class);
        when(brokerAway.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.failedFuture(new KafkaException("broker away")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = new OutboxRelay(mongo, brokerAway, List.of(new OutboxSource(collection)), "support-test",
                Duration.ofMinutes(1), Duration.ofSeconds(1), tracer, propagator, registry);
        Outbox outbox = new Outbox(relay, tracer);
        mongo.getCollection(collection).insertOne(new Document("_id", id));
        Update twoEvents = new Update();
        outbox.append(twoEvents, List.of(
                new BookingCompleted(UUID.randomUUID(), Instant.now(), "b-1", "liverpool", "t-1"),
                new BookingCompleted(UUID.randomUUID(), Instant.now(), "b-2", "liverpool", "t-1")));
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), twoEvents, collection);

        assertThatThrownBy(relay::sweep).isInstanceOf(RuntimeException.class);
        assertThat(relay.backlog()).isEqualTo(2);
        assertThat(registry.get("sabai.outbox.backlog").tag("collection", collection).gauge().value()).isEqualTo(2.0);

        // Published meanwhile by another instance: the next sweep finds nothing left.
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("outbox", List.of()), collection);
        relay.sweep();
        assertThat(relay.backlog()).isZero();
        assertThat(registry.get("sabai.outbox.backlog").tag("collection", collection).gauge().value()).isZero();
    }

    private double deadLetters() {
        var counter = meters.find("sabai.kafka.dead.letters").tag("topic", "sabai.bookings").counter();
        return counter == null ? 0 : counter.count();
    }

    private String scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void recordAndBatchListenersAreBothTimedInPrometheus() throws Exception {
        String key = "timed-" + UUID.randomUUID();
        BookingCompleted completed = new BookingCompleted(UUID.randomUUID(), Instant.now(), key, key, "t-1");
        NotificationSent sent = TestEvents.sent(key, key);
        TestRecords.publish(Topic.BOOKINGS.topicName(), completed);
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), sent);
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.received.contains(completed) && batched.all().contains(sent));

        String scrape = HTTP.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).containsPattern("spring_kafka_listener_seconds_count\\{[^}]*messaging_source_name=\"sabai.bookings\"")
                .containsPattern("spring_kafka_listener_batch_seconds_count\\{[^}]*result=\"success\"");
    }

    @Test
    void noLogRecordGoesThroughOpenTelemetrySoNoIdleThreadWaitsToExportOne() {
        assertThat(context.getBeanNamesForType(SdkLoggerProvider.class)).isEmpty();
        assertThat(context.getBeanNamesForType(BatchLogRecordProcessor.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OpenTelemetry.class)).as("traces still go through OpenTelemetry").isNotEmpty();
    }
}
