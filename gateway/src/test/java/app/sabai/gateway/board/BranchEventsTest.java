package app.sabai.gateway.board;

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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staff board's live stream of one branch: its bookings and assignments only, contact details masked, open to the
 * branch's staff and to operations, refused to everyone else.
 */
@GatewayTest
class BranchEventsTest {

    static final String LIVERPOOL = "liverpool";
    static final String BANGKOK = "bangkok-sukhumvit";

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    private final List<Disposable> subscriptions = new ArrayList<>();

    @BeforeAll
    static void createTopics() throws Exception {
        Topics.ensure("sabai.bookings", "sabai.assignments", "sabai.notifications");
    }

    @AfterEach
    void closeStreams() {
        subscriptions.forEach(Disposable::dispose);
    }

    @Test
    void staffSeeTheirBranchsBookingsAndAssignmentsWithContactDetailsMasked() {
        Queue<ServerSentEvent<String>> received = openLiveStream(Callers.STAFF_LIVERPOOL, LIVERPOOL);
        String booking = "b-" + UUID.randomUUID();
        String assignment = "b-" + UUID.randomUUID();

        publish("sabai.bookings", 0, LIVERPOOL, """
                {"bookingId":"%s","branchId":"liverpool","start":"2026-12-01T10:00:00Z",
                 "customer":{"name":"Dao Srisuk","email":"dao@example.com","phone":"+44 7700 900123"}}""".formatted(booking));
        publish("sabai.assignments", 0, LIVERPOOL, """
                {"bookingId":"%s","branchId":"liverpool","therapistId":"t-1"}""".formatted(assignment));

        JsonNode requested = valueOf(await().atMost(Duration.ofSeconds(10)).until(() -> recordFor(received, booking), e -> e != null));
        assertThat(requested.get("customer").get("email").asString()).isEqualTo("d***@example.com");
        assertThat(requested.get("customer").get("phone").asString()).isEqualTo("+** **** ***123");
        assertThat(requested.get("customer").get("name").asString()).isEqualTo("D. S.");
        assertThat(requested.get("start").asString()).isEqualTo("2026-12-01T10:00:00Z");
        JsonNode assigned = valueOf(await().atMost(Duration.ofSeconds(10)).until(() -> recordFor(received, assignment), e -> e != null));
        assertThat(assigned.get("therapistId").asString()).isEqualTo("t-1");
    }

    @Test
    void anotherBranchsEventsAndOtherTopicsDoNotReachTheStream() {
        Queue<ServerSentEvent<String>> received = openLiveStream(Callers.STAFF_LIVERPOOL, LIVERPOOL);
        String elsewhere = "b-" + UUID.randomUUID();
        String unnamed = "b-" + UUID.randomUUID();
        String notification = "b-" + UUID.randomUUID();
        String ours = "b-" + UUID.randomUUID();

        // All on one partition of one topic, in this order: once the last has come, the others would have come before it.
        publish("sabai.bookings", 1, BANGKOK, """
                {"bookingId":"%s","branchId":"%s"}""".formatted(elsewhere, BANGKOK));
        publish("sabai.bookings", 1, LIVERPOOL, """
                {"bookingId":"%s","note":"liverpool, but no branchId field"}""".formatted(unnamed));
        publish("sabai.notifications", 1, notification, """
                {"bookingId":"%s","branchId":"liverpool"}""".formatted(notification));
        publish("sabai.bookings", 1, LIVERPOOL, """
                {"bookingId":"%s","branchId":"liverpool"}""".formatted(ours));

        await().atMost(Duration.ofSeconds(10)).until(() -> recordFor(received, ours), e -> e != null);
        assertThat(recordFor(received, elsewhere)).as("another branch's booking").isNull();
        assertThat(recordFor(received, unnamed)).as("a value naming no branch").isNull();
        List<String> topics = received.stream().filter(e -> e.event() == null && e.data() != null)
                .map(e -> SabaiJson.mapper().readTree(e.data()).get("topic").asString()).distinct().toList();
        assertThat(topics).as("topics on the stream").isSubsetOf("sabai.bookings", "sabai.assignments");
    }

    @ParameterizedTest
    @ValueSource(strings = {Callers.OPS, Callers.ADMIN})
    void operationsFollowAnyBranch(String user) {
        Queue<ServerSentEvent<String>> received = openLiveStream(user, BANGKOK);
        String booking = "b-" + UUID.randomUUID();

        publish("sabai.bookings", 2, BANGKOK, """
                {"bookingId":"%s","branchId":"%s"}""".formatted(booking, BANGKOK));

        await().atMost(Duration.ofSeconds(10)).until(() -> recordFor(received, booking), e -> e != null);
    }

    @Test
    void staffOfAnotherBranchAreRefusedNamingTheirOwn() {
        client.get().uri("/api/branches/liverpool/events")
                .header("Authorization", Callers.bearer(Callers.STAFF_BANGKOK))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://sabai.app/problems/forbidden")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(BANGKOK).contains("not liverpool"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Callers.CUSTOMER, Callers.CUSTOMER2})
    void customersAreRefused(String user) {
        client.get().uri("/api/branches/liverpool/events")
                .header("Authorization", Callers.bearer(user))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://sabai.app/problems/forbidden");
    }

    @Test
    void withoutATokenTheStreamAsksForOne() {
        client.get().uri("/api/branches/liverpool/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void staffLearnTheirBranchesFromTheGateway() {
        client.get().uri("/api/staff/me")
                .header("Authorization", Callers.bearer(Callers.STAFF_LIVERPOOL))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.roles").isEqualTo(List.of("STAFF"))
                .jsonPath("$.branches").isEqualTo(List.of("liverpool", "merseyside-mobile"))
                .jsonPath("$.everyBranch").isEqualTo(false);
        client.get().uri("/api/staff/me")
                .header("Authorization", Callers.bearer(Callers.OPS))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.branches").isEmpty()
                .jsonPath("$.everyBranch").isEqualTo(true);
        client.get().uri("/api/staff/me")
                .header("Authorization", Callers.bearer(Callers.CUSTOMER))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.branches").isEmpty()
                .jsonPath("$.everyBranch").isEqualTo(false);
        client.get().uri("/api/staff/me").exchange().expectStatus().isUnauthorized();
    }

    /** A stream for the user that has said it is live. */
    private Queue<ServerSentEvent<String>> openLiveStream(String user, String branchId) {
        Queue<ServerSentEvent<String>> received = new ConcurrentLinkedQueue<>();
        subscriptions.add(WebClient.create("http://localhost:" + port)
                .get().uri("/api/branches/{branchId}/events", branchId)
                .header("Authorization", Callers.bearer(user))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .subscribe(received::add));
        await().atMost(Duration.ofSeconds(15)).until(() -> received.stream().anyMatch(e -> "ready".equals(e.event())));
        return received;
    }

    private static ServerSentEvent<String> recordFor(Queue<ServerSentEvent<String>> received, String marker) {
        return received.stream()
                .filter(e -> e.event() == null && e.data() != null && e.data().contains(marker))
                .findFirst().orElse(null);
    }

    private static JsonNode valueOf(ServerSentEvent<String> event) {
        return SabaiJson.mapper().readTree(event.data()).get("value");
    }

    private static void publish(String topic, int partition, String key, String value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bootstrapServers() {
        return SharedInfrastructure.get().bootstrapServers();
    }
}
