package app.sabai.gateway.ops;

import app.sabai.contracts.json.SabaiJson;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.infra.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayTest
class OpsEventsTest {

    @LocalServerPort
    int port;

    private final Queue<ServerSentEvent<String>> received = new ConcurrentLinkedQueue<>();
    private Disposable subscription;

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (String topic : List.of("sabai.bookings", "sabai.bookings-dlt")) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    @AfterEach
    void closeStream() {
        if (subscription != null) {
            subscription.dispose();
        }
    }

    @Test
    void streamsARecordPublishedAfterTheStreamIsLivePromptly() {
        openStream();
        await().atMost(Duration.ofSeconds(15)).until(() -> received.stream().anyMatch(e -> "ready".equals(e.event())));
        String branchId = "ops-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();

        publish("sabai.bookings", branchId, "{\"bookingId\":\"b-1\",\"branchId\":\"" + branchId + "\"}", Map.of(
                "ce_type", "sabai.bookings.BookingRequested.v1",
                "ce_id", eventId,
                "ce_subject", "b-1",
                "ce_time", "2026-12-01T10:00:00Z"));

        ServerSentEvent<String> event = await().atMost(Duration.ofSeconds(5))
                .until(() -> recordFor(branchId), e -> e != null);
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
        openStream();
        await().atMost(Duration.ofSeconds(15)).until(() -> received.stream().anyMatch(e -> "ready".equals(e.event())));
        String branchId = "ops-" + UUID.randomUUID();

        publish("sabai.bookings-dlt", branchId, "not json {", Map.of("kafka_dlt-exception-message", "Unreadable value"));

        ServerSentEvent<String> event = await().atMost(Duration.ofSeconds(5))
                .until(() -> recordFor(branchId), e -> e != null);
        JsonNode data = SabaiJson.mapper().readTree(event.data());
        assertThat(data.get("topic").asString()).isEqualTo("sabai.bookings-dlt");
        assertThat(data.get("value").asString()).isEqualTo("not json {");
        assertThat(data.get("error").asString()).isEqualTo("Unreadable value");
    }

    @Test
    void sendsHeartbeatsWhileNothingHappens() {
        openStream();

        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(e -> "heartbeat".equals(e.comment())));
    }

    private void openStream() {
        subscription = WebClient.create("http://localhost:" + port)
                .get().uri("/api/ops/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .subscribe(received::add);
    }

    private ServerSentEvent<String> recordFor(String key) {
        return received.stream()
                .filter(e -> e.event() == null && e.data() != null && e.data().contains(key))
                .findFirst().orElse(null);
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
