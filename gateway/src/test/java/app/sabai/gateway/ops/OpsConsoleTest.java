package app.sabai.gateway.ops;

import app.sabai.contracts.json.SabaiJson;
import app.sabai.gateway.testing.Browser;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.Topics;
import app.sabai.infra.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static app.sabai.gateway.testing.Browser.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations console's own API on the gateway: who is signed in, the dead letters with their failure reasons and
 * their replay (administrators only, keeping ce_id, without the dead-letter headers), the last hour's rates and lag
 * from the one background consumer, and the booking requests stuck without a decision.
 */
@GatewayTest
class OpsConsoleTest {

    private static final String REQUESTED = "sabai.bookings.BookingRequested.v1";
    private static final String CONFIRMED = "sabai.bookings.BookingConfirmed.v1";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @BeforeAll
    static void createTopics() throws Exception {
        Topics.ensure("sabai.bookings", "sabai.bookings-dlt");
    }

    @ParameterizedTest
    @CsvSource({"ops, OPS, false, Priya Nair", "admin, ADMIN, true, Sam Taylor"})
    void theConsoleLearnsWhoIsSignedInAndWhetherTheyMayReplay(String user, String role, boolean mayReplay, String name) {
        client.get().uri("/api/ops/me").header("Authorization", Callers.bearer(user)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo(name)
                .jsonPath("$.roles[0]").isEqualTo(role)
                .jsonPath("$.mayReplay").isEqualTo(mayReplay);
    }

    @Test
    void aSignedInBrowserIsKnownByItsUserName() {
        Browser browser = signedIn("ops");

        HttpResponse<String> me = browser.get(gateway("/api/ops/me"), "Accept", "application/json");

        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = SabaiJson.mapper().readTree(me.body());
        assertThat(body.get("name").asString()).isEqualTo("Priya Nair");
        assertThat(body.get("mayReplay").asBoolean()).isFalse();
    }

    @Test
    void deadLettersAreListedWithWhereTheyCameFromAndWhyTheyFailed() {
        String ceId = UUID.randomUUID().toString();
        String branch = "dlt-" + UUID.randomUUID();
        RecordMetadata dead = publishDeadLetter(branch, ceId, "{\"bookingId\":\"b-9\",\"branchId\":\"" + branch + "\","
                + "\"customer\":{\"name\":\"Dao Srisuk\",\"email\":\"dao@example.com\"}}");

        JsonNode letter = listedDeadLetter(Callers.OPS, ceId);
        assertThat(letter.get("topic").asString()).isEqualTo("sabai.bookings-dlt");
        assertThat(letter.get("partition").asInt()).isEqualTo(dead.partition());
        assertThat(letter.get("offset").asLong()).isEqualTo(dead.offset());
        assertThat(letter.get("key").asString()).isEqualTo(branch);
        assertThat(letter.get("ceType").asString()).isEqualTo(REQUESTED);
        assertThat(letter.get("originalTopic").asString()).isEqualTo("sabai.bookings");
        assertThat(letter.get("originalPartition").asInt()).isEqualTo(2);
        assertThat(letter.get("originalOffset").asLong()).isEqualTo(41);
        assertThat(letter.get("exceptionClass").asString()).isEqualTo("tools.jackson.core.exc.StreamReadException");
        assertThat(letter.get("exceptionMessage").asString()).isEqualTo("Unexpected end of input in field 'start'");
        assertThat(letter.get("timestamp").asString()).isNotBlank();
        assertThat(letter.get("value").get("customer").get("email").asString()).as("masked for operations").isEqualTo("d***@example.com");
        assertThat(listedDeadLetter(Callers.ADMIN, ceId).get("value").get("customer").get("email").asString())
                .as("in full for administrators").isEqualTo("dao@example.com");
    }

    @Test
    void aReplayGoesToTheOriginalTopicWithTheSameKeyValueAndCeIdWithoutTheDeadLetterHeaders() {
        String ceId = UUID.randomUUID().toString();
        String branch = "replay-" + UUID.randomUUID();
        String value = "{\"bookingId\":\"b-10\",\"branchId\":\"" + branch + "\"}";
        RecordMetadata dead = publishDeadLetter(branch, ceId, value);
        String from = "sabai.bookings-dlt/" + dead.partition() + "/" + dead.offset();

        JsonNode answer = client.post().uri("/api/ops/dead-letters/sabai.bookings-dlt/{p}/{o}/replay", dead.partition(), dead.offset())
                .header("Authorization", Callers.bearer(Callers.ADMIN))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(answer.get("topic").asString()).isEqualTo("sabai.bookings");
        assertThat(answer.get("ceId").asString()).isEqualTo(ceId);
        assertThat(answer.get("replayedFrom").asString()).isEqualTo(from);
        ConsumerRecord<String, byte[]> replayed = readOne("sabai.bookings", answer.get("partition").asInt(), answer.get("offset").asLong());
        assertThat(replayed.key()).isEqualTo(branch);
        assertThat(new String(replayed.value(), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(header(replayed, "ce_id")).isEqualTo(ceId);
        assertThat(header(replayed, "ce_type")).isEqualTo(REQUESTED);
        assertThat(header(replayed, "ce_subject")).isEqualTo("b-10");
        assertThat(header(replayed, DeadLetters.REPLAYED_FROM)).isEqualTo(from);
        List<String> names = StreamSupport.stream(replayed.headers().spliterator(), false).map(Header::key).toList();
        assertThat(names).noneMatch(name -> name.startsWith("kafka_dlt-"));
    }

    @Test
    void operationsMayNotReplay() {
        RecordMetadata dead = publishDeadLetter("ops-" + UUID.randomUUID(), UUID.randomUUID().toString(), "{}");

        client.post().uri("/api/ops/dead-letters/sabai.bookings-dlt/{p}/{o}/replay", dead.partition(), dead.offset())
                .header("Authorization", Callers.bearer(Callers.OPS))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("change nothing"));
    }

    @ParameterizedTest
    @CsvSource({
            "sabai.bookings, 0, 0, 400, topic",
            "not-a-topic, 0, 0, 400, topic",
            "sabai.nothing-dlt, 0, 0, 404, topic",
            "sabai.bookings-dlt, x, 0, 400, partition",
            "sabai.bookings-dlt, -1, 0, 400, partition",
            "sabai.bookings-dlt, 0, 1.5, 400, offset",
            "sabai.bookings-dlt, 99, 0, 404, ",
            "sabai.bookings-dlt, 0, 9000000000, 404, "})
    void aReplayOfSomethingThatIsNotADeadLetterIsRefusedWithAProblem(String topic, String partition, String offset, int status, String field) {
        WebTestClient.BodyContentSpec body = client.post().uri("/api/ops/dead-letters/{t}/{p}/{o}/replay", topic, partition, offset)
                .header("Authorization", Callers.bearer(Callers.ADMIN))
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").isNotEmpty();
        if (field != null) {
            body.jsonPath("$.errors[0].field").isEqualTo(field);
        }
    }

    @Test
    void metricsCountEachTopicAndEachBranchsRequestsAndDecisionsPerMinute() {
        String branch = "metrics-" + UUID.randomUUID();
        String booking = "b-" + UUID.randomUUID();
        publish("sabai.bookings", branch, Instant.now(), REQUESTED, booking);
        publish("sabai.bookings", branch, Instant.now(), CONFIRMED, booking);

        JsonNode rates = await().atMost(Duration.ofSeconds(20)).until(
                () -> metrics().get("rates"), r -> r.get("branches").has(branch));
        assertThat(rates.get("minutes")).hasSize(60);
        JsonNode counts = rates.get("branches").get(branch);
        assertThat(sum(counts.get("requested"))).isEqualTo(1);
        assertThat(sum(counts.get("confirmed"))).isEqualTo(1);
        assertThat(sum(counts.get("rejected"))).isZero();
        assertThat(sum(rates.get("topics").get("sabai.bookings"))).isGreaterThanOrEqualTo(2);
        assertThat(rates.get("following").asString()).isNotBlank();
    }

    @Test
    void metricsShowAConsumerGroupsLagPerTopic() {
        String group = "lagging-" + UUID.randomUUID();
        String key = "lag-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("sabai.bookings"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return !consumer.assignment().isEmpty();
            });
            consumer.assignment().forEach(consumer::position);
            consumer.commitSync();
        }
        for (int i = 0; i < 3; i++) {
            publish("sabai.bookings", key, Instant.now(), "sabai.bookings.BookingCompleted.v1", "b-" + i);
        }

        JsonNode lag = await().atMost(Duration.ofSeconds(30)).until(
                () -> lagOf(group), found -> found != null && found.get("lag").asLong() >= 3);
        assertThat(lag.get("topic").asString()).isEqualTo("sabai.bookings");
        assertThat(lag.get("partitions").asInt()).isEqualTo(3);
    }

    @Test
    void aRequestWithoutADecisionAfterTheThresholdIsStuckAndADecidedOneIsNot() {
        String branch = "stuck-" + UUID.randomUUID();
        String waiting = "b-" + UUID.randomUUID();
        String decided = "b-" + UUID.randomUUID();
        Instant twoMinutesAgo = Instant.now().minusSeconds(120);
        publish("sabai.bookings", branch, twoMinutesAgo, REQUESTED, waiting);
        publish("sabai.bookings", branch, twoMinutesAgo, REQUESTED, decided);
        publish("sabai.bookings", branch, Instant.now(), CONFIRMED, decided);
        String fresh = "b-" + UUID.randomUUID();
        publish("sabai.bookings", branch, Instant.now(), REQUESTED, fresh);
        // Written after the others on the same partition: once it is counted, so are they.
        String marker = "b-" + UUID.randomUUID();
        publish("sabai.bookings", branch, Instant.now().minusSeconds(300), REQUESTED, marker);

        JsonNode stuck = await().atMost(Duration.ofSeconds(20)).until(this::stuckRequests,
                body -> StreamSupport.stream(body.get("items").spliterator(), false)
                        .anyMatch(item -> marker.equals(item.get("bookingId").asString())));
        assertThat(stuck.get("afterSeconds").asLong()).isEqualTo(60);
        List<String> ids = new ArrayList<>();
        stuck.get("items").forEach(item -> ids.add(item.get("bookingId").asString()));
        assertThat(ids).contains(waiting).doesNotContain(decided, fresh);
        JsonNode item = StreamSupport.stream(stuck.get("items").spliterator(), false)
                .filter(i -> waiting.equals(i.get("bookingId").asString())).findFirst().orElseThrow();
        assertThat(item.get("branchId").asString()).isEqualTo(branch);
        assertThat(item.get("ageSeconds").asLong()).isGreaterThanOrEqualTo(119);
    }

    @Test
    void theConsolePageIsBehindTheSignInAndHasNoInlineScriptOrStyle() {
        HttpResponse<String> anonymous = new Browser().open(gateway("/ops"));
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(location(anonymous)).endsWith("/oauth2/authorization/sabai");

        Browser browser = signedIn("ops");
        HttpResponse<String> page = browser.open(gateway("/ops"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/ops/ops.js\"></script>")
                .doesNotContainPattern(INLINE_SCRIPT).doesNotContainPattern(INLINE_STYLE);
        for (String file : new String[] {"/ops/ops.js", "/ops/messages.js", "/ops/ops.css"}) {
            assertThat(browser.open(gateway(file)).statusCode()).as(file).isEqualTo(200);
        }
    }

    @Test
    void theChartLibraryIsServedFromItsWebjar() {
        client.get().uri("/webjars/uplot/1.6.30/dist/uPlot.esm.js").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"))
                .expectBody(String.class).value(script -> assertThat(script).contains("export { uPlot as default }"));
        client.get().uri("/webjars/uplot/1.6.30/dist/uPlot.min.css").exchange().expectStatus().isOk();
    }

    private JsonNode listedDeadLetter(String user, String ceId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode list = client.get().uri("/api/ops/dead-letters").header("Authorization", Callers.bearer(user)).exchange()
                    .expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(list.get("perPartition").asInt()).isEqualTo(20);
            return StreamSupport.stream(list.get("items").spliterator(), false)
                    .filter(item -> ceId.equals(item.path("ceId").asString(null))).findFirst().orElse(null);
        }, letter -> letter != null);
    }

    private JsonNode metrics() {
        return client.get().uri("/api/ops/metrics").header("Authorization", Callers.bearer(Callers.OPS)).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode lagOf(String group) {
        for (JsonNode entry : metrics().get("lag")) {
            if (group.equals(entry.get("group").asString())) {
                return entry;
            }
        }
        return null;
    }

    private JsonNode stuckRequests() {
        return client.get().uri("/api/ops/stuck-requests").header("Authorization", Callers.bearer(Callers.OPS)).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static long sum(JsonNode series) {
        long total = 0;
        for (JsonNode count : series) {
            total += count.asLong();
        }
        return total;
    }

    private Browser signedIn(String user) {
        return Browser.signedIn(gateway(""), "/ops", user);
    }

    /** A dead letter as Spring Kafka's DeadLetterPublishingRecoverer writes one: the original record plus kafka_dlt-* headers. */
    private static RecordMetadata publishDeadLetter(String key, String ceId, String value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("sabai.bookings-dlt", key, value.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", ceId);
        header(record, "ce_type", REQUESTED);
        header(record, "ce_source", "/sabai/booking-service");
        header(record, "ce_subject", "b-" + (value.contains("b-10") ? "10" : "9"));
        header(record, "ce_time", "2026-12-01T10:00:00Z");
        header(record, "kafka_dlt-original-topic", "sabai.bookings");
        record.headers().add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(2).array());
        record.headers().add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(41).array());
        record.headers().add("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(Instant.now().toEpochMilli()).array());
        header(record, "kafka_dlt-original-consumer-group", "booking-service");
        header(record, "kafka_dlt-exception-fqcn", "tools.jackson.core.exc.StreamReadException");
        header(record, "kafka_dlt-exception-message", "Unexpected end of input in field 'start'");
        header(record, "kafka_dlt-exception-stacktrace", "tools.jackson.core.exc.StreamReadException: ...");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void publish(String topic, String key, Instant at, String ceType, String subject) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, at.toEpochMilli(), key,
                ("{\"bookingId\":\"" + subject + "\",\"branchId\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", ceType);
        header(record, "ce_subject", subject);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> readOne(String topic, int partition, long offset) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition wanted = new TopicPartition(topic, partition);
            consumer.assign(List.of(wanted));
            consumer.seek(wanted, offset);
            return await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
                return null;
            }, record -> record != null);
        }
    }

    private String gateway(String path) {
        return "http://localhost:" + port + path;
    }

    private static String bootstrapServers() {
        return SharedInfrastructure.get().bootstrapServers();
    }
}
