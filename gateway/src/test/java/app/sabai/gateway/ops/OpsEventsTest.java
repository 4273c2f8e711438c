package app.sabai.gateway.ops;

import app.sabai.contracts.json.SabaiJson;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.Topics;
import app.sabai.infra.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayTest
class OpsEventsTest {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    private final List<Disposable> subscriptions = new ArrayList<>();

    @BeforeAll
    static void createTopics() throws Exception {
        Topics.ensure("sabai.bookings", "sabai.bookings-dlt");
    }

    @AfterEach
    void closeStreams() {
        subscriptions.forEach(Disposable::dispose);
    }

    @Test
    void streamsARecordPublishedAfterTheStreamIsLivePromptly() {
        Queue<ServerSentEvent<String>> received = openLiveStream(Callers.OPS);
        String branchId = "ops-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();

        publish("sabai.bookings", branchId, "{\"bookingId\":\"b-1\",\"branchId\":\"" + branchId + "\"}", Map.of(
                "ce_type", "sabai.bookings.BookingRequested.v1",
                "ce_id", eventId,
                "ce_subject", "b-1",
                "ce_time", "2026-12-01T10:00:00Z"));

        ServerSentEvent<String> event = await().atMost(Duration.ofSeconds(5))
                .until(() -> recordFor(received, branchId), e -> e != null);
        JsonNode data = SabaiJson.mapper().readTree(event.data());
        assertThat(data.get("topic").asString()).isEqualTo("sabai.bookings");
        assertThat(data.get("key").asString()).isEqualTo(branchId);
        assertThat(data.get("ce_type").asString()).isEqualTo("sabai.bookings.BookingRequested.v1");
        assertThat(data.get("ce_id").asString()).isEqualTo(eventId);
        assertThat(data.get("ce_subject").asString()).isEqualTo("b-1");
        assertThat(data.get("value").get("branchId").asString()).isEqualTo(branchId);
        assertThat(data.has("partition")).isTrue();
        assertThat(event.id()).isEqualTo("sabai.bookings/" + data.get("partition").asInt() + "/" + data.get("offset").asLong());
    }

    @Test
    void streamsADeadLetterWhoseValueIsNotJsonAsText() {
        Queue<ServerSentEvent<String>> received = openLiveStream(Callers.OPS);
        String branchId = "ops-" + UUID.randomUUID();

        publish("sabai.bookings-dlt", branchId, "not json {", Map.of("kafka_dlt-exception-message", "Unreadable value"));

        ServerSentEvent<String> event = await().atMost(Duration.ofSeconds(5))
                .until(() -> recordFor(received, branchId), e -> e != null);
        JsonNode data = SabaiJson.mapper().readTree(event.data());
        assertThat(data.get("topic").asString()).isEqualTo("sabai.bookings-dlt");
        assertThat(data.get("value").asString()).isEqualTo("not json {");
        assertThat(data.get("error").asString()).isEqualTo("Unreadable value");
    }

    @Test
    void sendsHeartbeatsWhileNothingHappens() {
        Queue<ServerSentEvent<String>> received = openStream(Callers.ADMIN);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(e -> "heartbeat".equals(e.comment())));
    }

    @Test
    void operationsSeeCustomersContactDetailsMaskedAndAdministratorsSeeThemInFull() {
        Queue<ServerSentEvent<String>> operations = openLiveStream(Callers.OPS);
        Queue<ServerSentEvent<String>> administrators = openLiveStream(Callers.ADMIN);
        String branchId = "ops-" + UUID.randomUUID();

        publish("sabai.bookings", branchId, """
                {"bookingId":"b-2","branchId":"%s","customer":{"name":"Dao Srisuk","email":"dao@example.com",
                 "phone":"+44 7700 900123","language":"th"}}""".formatted(branchId), Map.of("ce_type", "sabai.bookings.BookingRequested.v1"));

        JsonNode masked = valueOf(await().atMost(Duration.ofSeconds(5)).until(() -> recordFor(operations, branchId), e -> e != null))
                .get("customer");
        assertThat(masked.get("email").asString()).isEqualTo("d***@example.com");
        assertThat(masked.get("phone").asString()).isEqualTo("+** **** ***123");
        assertThat(masked.get("name").asString()).isEqualTo("D. S.");
        assertThat(masked.get("language").asString()).isEqualTo("th");
        JsonNode full = valueOf(await().atMost(Duration.ofSeconds(5)).until(() -> recordFor(administrators, branchId), e -> e != null))
                .get("customer");
        assertThat(full.get("email").asString()).isEqualTo("dao@example.com");
        assertThat(full.get("phone").asString()).isEqualTo("+44 7700 900123");
        assertThat(full.get("name").asString()).isEqualTo("Dao Srisuk");
    }

    @ParameterizedTest
    @ValueSource(strings = {Callers.CUSTOMER, Callers.STAFF_LIVERPOOL})
    void customersAndStaffAreRefused(String user) {
        client.get().uri("/api/ops/events")
                .header("Authorization", Callers.bearer(user))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://sabai.app/problems/forbidden");
    }

    @Test
    void withoutATokenTheStreamAsksForOne() {
        client.get().uri("/api/ops/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** A stream for the user that has said it is live. */
    private Queue<ServerSentEvent<String>> openLiveStream(String user) {
        Queue<ServerSentEvent<String>> received = openStream(user);
        await().atMost(Duration.ofSeconds(15)).until(() -> received.stream().anyMatch(e -> "ready".equals(e.event())));
        return received;
    }

    private Queue<ServerSentEvent<String>> openStream(String user) {
        Queue<ServerSentEvent<String>> received = new ConcurrentLinkedQueue<>();
        subscriptions.add(WebClient.create("http://localhost:" + port)
                .get().uri("/api/ops/events")
                .header("Authorization", Callers.bearer(user))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .subscribe(received::add));
        return received;
    }

    private static ServerSentEvent<String> recordFor(Queue<ServerSentEvent<String>> received, String key) {
        return received.stream()
                .filter(e -> e.event() == null && e.data() != null && e.data().contains(key))
                .findFirst().orElse(null);
    }

    private static JsonNode valueOf(ServerSentEvent<String> event) {
        return SabaiJson.mapper().readTree(event.data()).get("value");
    }

    private static void publish(String topic, String key, String value, Map<String, String> headers) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bootstrapServers() {
        return SharedInfrastructure.get().bootstrapServers();
    }
}
