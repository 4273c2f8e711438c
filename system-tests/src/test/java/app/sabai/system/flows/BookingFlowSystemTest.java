package app.sabai.system.flows;

import app.sabai.system.harness.BookingRequests;
import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import app.sabai.system.harness.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "Book" flow of the whole platform, driven like a client would: HTTP through the gateway, and an
 * independent Kafka client reading and writing the topics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BookingFlowSystemTest {

    static final Duration DECISION = Duration.ofSeconds(60);
    static final Set<String> DECIDED = Set.of("CONFIRMED", "REJECTED");

    static Platform platform;
    static Gateway gateway;
    static Topics topics;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.shared();
        gateway = new Gateway(platform.gatewayUrl());
        topics = new Topics(platform.bootstrapServers());
    }

    @Test
    @Order(1)
    void aBookingIsConfirmedWithATherapistAndRemindersAndItsEventsCarryCloudEventsHeaders() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(3);
        Gateway.Response accepted = gateway.postBooking(booking().branch("liverpool").technique("SWEDISH", 60)
                .at(day, LocalTime.of(11, 0)).json());

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String id = accepted.body().get("id").asString();
        assertThat(accepted.location()).endsWith("/api/bookings/" + id);

        JsonNode confirmed = awaitStatus(id, "CONFIRMED");
        assertThat(confirmed.get("therapist").get("id").asString()).isNotBlank();
        assertThat(confirmed.get("therapist").get("name").asString()).isNotBlank();
        assertThat(Instant.parse(confirmed.get("start").asString()))
                .isEqualTo(day.atTime(11, 0).atZone(ZoneId.of("Europe/London")).toInstant());

        Instant start = Instant.parse(confirmed.get("start").asString());
        JsonNode withReminders = await().atMost(DECISION).until(() -> gateway.booking(id), b -> b.get("reminders").size() == 2);
        List<Instant> reminderTimes = new ArrayList<>();
        withReminders.get("reminders").forEach(r -> reminderTimes.add(Instant.parse(r.get("at").asString())));
        assertThat(reminderTimes).containsExactlyInAnyOrder(
                start.atZone(ZoneId.of("Europe/London")).minusDays(1).toInstant(), start.minus(Duration.ofHours(2)));

        for (var expected : Map.of(
                "sabai.bookings", List.of("sabai.bookings.BookingRequested.v1", "sabai.bookings.BookingConfirmed.v1"),
                "sabai.assignments", List.of("sabai.assignments.TherapistAssigned.v1"),
                "sabai.notifications", List.of("sabai.notifications.ReminderScheduled.v1")).entrySet()) {
            List<ConsumerRecord<String, byte[]>> records = topics.read(expected.getKey(),
                    r -> id.equals(Topics.header(r, "ce_subject")), 10, Duration.ofSeconds(5));
            assertThat(records).extracting(r -> Topics.header(r, "ce_type")).containsAll(expected.getValue());
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(Topics.header(record, "ce_specversion")).isEqualTo("1.0");
                assertThat(UUID.fromString(Topics.header(record, "ce_id"))).isNotNull();
                assertThat(Topics.header(record, "ce_source")).startsWith("/sabai/");
                assertThat(Topics.header(record, "ce_time")).isNotBlank();
                assertThat(Topics.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
                assertThat(Topics.header(record, "__TypeId__")).isNull();
            }
        }
    }

    @Test
    @Order(2)
    void whenNothingIsFreeTheBookingIsRejectedWithTheReasonAndAtLeastThreeAlternatives() {
        // Hot stone needs a stone heater, and a branch has few: ten sessions at once cannot all be had.
        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(4);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Gateway.Response response = gateway.postBooking(booking().branch("liverpool").technique("HOT_STONE", 90)
                    .at(day, LocalTime.of(14, 0)).json());
            assertThat(response.status()).as(response.raw()).isEqualTo(202);
            ids.add(response.body().get("id").asString());
        }

        List<JsonNode> decided = ids.stream().map(id -> awaitStatus(id, DECIDED)).toList();
        List<JsonNode> rejected = decided.stream().filter(b -> b.get("status").asString().equals("REJECTED")).toList();

        assertThat(rejected).isNotEmpty();
        Instant requested = day.atTime(14, 0).atZone(ZoneId.of("Europe/London")).toInstant();
        for (JsonNode booking : rejected) {
            JsonNode rejection = booking.get("rejection");
            assertThat(rejection.get("reason").asString()).isIn("NO_EQUIPMENT_AVAILABLE", "NO_THERAPIST_AVAILABLE", "NO_ROOM_AVAILABLE");
            assertThat(rejection.get("detail").asString()).isNotBlank();
            assertThat(rejection.get("alternatives").size()).isGreaterThanOrEqualTo(3);
            rejection.get("alternatives").forEach(alternative -> {
                Instant start = Instant.parse(alternative.get("start").asString());
                assertThat(start).isAfter(Instant.now()).isNotEqualTo(requested);
                assertThat(alternative.get("therapistId").asString()).isNotBlank();
            });
        }
    }

    @Test
    @Order(3)
    void aRedeliveredBookingRequestedChangesNothing() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(5);
        String id = gateway.postBooking(booking().branch("liverpool").technique("SWEDISH", 60).at(day, LocalTime.of(12, 0)).json())
                .body().get("id").asString();
        JsonNode confirmed = awaitStatus(id, "CONFIRMED");
        String therapist = confirmed.get("therapist").get("id").asString();

        ConsumerRecord<String, byte[]> requested = topics.read("sabai.bookings",
                r -> id.equals(Topics.header(r, "ce_subject")) && "sabai.bookings.BookingRequested.v1".equals(Topics.header(r, "ce_type")),
                1, Duration.ofSeconds(20)).getFirst();
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(requested.topic(), requested.key(), requested.value());
        requested.headers().forEach(header -> again.headers().add(header));
        topics.publish(again);

        // The same branch's partition is processed in order: once a later booking there is decided,
        // the redelivered request has been processed too.
        String later = gateway.postBooking(booking().branch("liverpool").technique("SWEDISH", 60).at(day, LocalTime.of(15, 0)).json())
                .body().get("id").asString();
        awaitStatus(later, DECIDED);

        JsonNode after = gateway.booking(id);
        assertThat(after.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(after.get("therapist").get("id").asString()).isEqualTo(therapist);
        assertThat(sessionsOf(gateway.schedule("liverpool", day.toString()), id)).hasSize(1);
        List<ConsumerRecord<String, byte[]>> decisions = topics.read("sabai.assignments",
                r -> id.equals(Topics.header(r, "ce_subject")), 10, Duration.ofSeconds(5));
        assertThat(decisions).hasSize(1);
        List<ConsumerRecord<String, byte[]>> confirmations = topics.read("sabai.bookings",
                r -> id.equals(Topics.header(r, "ce_subject")) && "sabai.bookings.BookingConfirmed.v1".equals(Topics.header(r, "ce_type")),
                10, Duration.ofSeconds(5));
        assertThat(confirmations).hasSize(1);
    }

    @Test
    @Order(4)
    void aPoisonRecordLandsOnTheDeadLetterTopicAndBookingsCarryOn() {
        String marker = "poison-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>("sabai.bookings", "liverpool",
                ("{\"bookingId\": \"" + marker + "\", \"start\": \"not a time").getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_type", "sabai.bookings.BookingRequested.v1".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_subject", marker.getBytes(StandardCharsets.UTF_8));
        topics.publish(poison);

        List<ConsumerRecord<String, byte[]>> dead = topics.read("sabai.bookings-dlt",
                r -> marker.equals(Topics.header(r, "ce_subject")), 1, Duration.ofSeconds(60));
        assertThat(dead).isNotEmpty();
        assertThat(Topics.header(dead.getFirst(), "kafka_dlt-original-topic")).isEqualTo("sabai.bookings");
        assertThat(Topics.header(dead.getFirst(), "kafka_dlt-exception-message")).isNotBlank();
        assertThat(Topics.value(dead.getFirst())).contains(marker);

        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(5);
        String after = gateway.postBooking(booking().branch("liverpool").technique("SWEDISH", 60).at(day, LocalTime.of(16, 0)).json())
                .body().get("id").asString();
        assertThat(awaitStatus(after, DECIDED).get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    @Order(5)
    void fiftyConcurrentRequestsForOneStartTimeNeverDoubleBookAndAllGetADecision() throws Exception {
        String branch = "new-york-soho";
        LocalDate day = LocalDate.now(ZoneId.of("America/New_York")).plusDays(6);
        int requests = 50;
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<Gateway.Response>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String body = booking().branch(branch).technique("SWEDISH", 60).at(day, LocalTime.of(14, 0))
                    .customer("Guest " + i, "concurrent-" + i + "-" + UUID.randomUUID() + "@example.com").json();
            responses.add(pool.submit(() -> {
                gate.await();
                return gateway.postBooking(body);
            }));
        }
        gate.countDown();
        List<String> ids = new ArrayList<>();
        for (Future<Gateway.Response> response : responses) {
            Gateway.Response accepted = response.get();
            assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
            ids.add(accepted.body().get("id").asString());
        }
        pool.shutdown();

        Map<String, String> statuses = new ConcurrentHashMap<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String id : ids) {
                statuses.computeIfAbsent(id, ignored -> {
                    String status = gateway.booking(id).get("status").asString();
                    return DECIDED.contains(status) ? status : null;
                });
            }
            assertThat(statuses).hasSize(requests);
        });

        Set<String> confirmed = statuses.entrySet().stream().filter(e -> e.getValue().equals("CONFIRMED"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(confirmed).hasSizeGreaterThanOrEqualTo(2);

        JsonNode schedule = gateway.schedule(branch, day.toString());
        assertNoOverlaps(schedule);
        for (String id : ids) {
            assertThat(sessionsOf(schedule, id).size()).as("therapist sessions of " + id)
                    .isEqualTo(confirmed.contains(id) ? 1 : 0);
        }
    }

    @Test
    @Order(6)
    void invalidRequestsAreRefusedWithProblemDetailsNamingTheField() {
        Gateway.Response response = gateway.postBooking(booking().customer("Somchai", "not-an-email").json());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).contains("customer.email");

        Gateway.Response unknownBranch = gateway.postBooking(booking().branch("atlantis").json());
        assertThat(unknownBranch.status()).isEqualTo(400);
        assertThat(unknownBranch.raw()).contains("branchId");

        Gateway customer = gateway.as("customer");
        int before = customer.get("/api/me/bookings").body().get("totalItems").asInt();
        BookingRequests wrongDuration = booking().technique("THAI", 45).customer("Dao Srisuk", "customer@sabai.example");
        Gateway.Response refused = customer.postBooking(wrongDuration.json());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("durationMinutes");
        Gateway.Response stored = customer.get("/api/me/bookings");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().get("totalItems").asInt()).as("the customer's bookings after a refused request: " + stored.raw())
                .isEqualTo(before);
    }

    @Test
    @Order(7)
    void everythingSurvivesARestartOfThePlatform() {
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Bangkok")).plusDays(2);
        String before = gateway.postBooking(booking().branch("bangkok-sukhumvit").technique("THAI", 60).at(day, LocalTime.of(15, 0)).json())
                .body().get("id").asString();
        JsonNode confirmed = awaitStatus(before, DECIDED);

        platform.restart();

        JsonNode after = gateway.booking(before);
        assertThat(after.get("status").asString()).isEqualTo(confirmed.get("status").asString());
        String next = gateway.postBooking(booking().branch("bangkok-sukhumvit").technique("THAI", 60).at(day, LocalTime.of(17, 0)).json())
                .body().get("id").asString();
        assertThat(awaitStatus(next, DECIDED).get("status").asString()).isIn(DECIDED);
    }

    private static JsonNode awaitStatus(String id, String status) {
        return awaitStatus(id, Set.of(status));
    }

    private static JsonNode awaitStatus(String id, Set<String> statuses) {
        return await().atMost(DECISION).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.booking(id), booking -> statuses.contains(booking.get("status").asString()));
    }

    /** The therapist sessions held for one booking in a branch's schedule of a day. */
    private static List<JsonNode> sessionsOf(JsonNode schedule, String bookingId) {
        List<JsonNode> sessions = new ArrayList<>();
        schedule.get("therapists").forEach(therapist -> therapist.get("sessions").forEach(session -> {
            if (bookingId.equals(session.get("bookingId").asString())) {
                sessions.add(session);
            }
        }));
        return sessions;
    }

    /** No therapist, room or equipment unit holds two overlapping blocked intervals (changeover included). */
    private static void assertNoOverlaps(JsonNode schedule) {
        for (String holders : List.of("therapists", "rooms", "equipment")) {
            JsonNode list = schedule.get(holders);
            if (list == null) {
                continue;
            }
            list.forEach(holder -> {
                List<Instant[]> intervals = new ArrayList<>();
                holder.get("sessions").forEach(session -> intervals.add(new Instant[]{
                        Instant.parse((session.has("blockedFrom") ? session.get("blockedFrom") : session.get("start")).asString()),
                        Instant.parse((session.has("blockedUntil") ? session.get("blockedUntil") : session.get("end")).asString())}));
                for (int i = 0; i < intervals.size(); i++) {
                    for (int j = i + 1; j < intervals.size(); j++) {
                        boolean overlap = intervals.get(i)[0].isBefore(intervals.get(j)[1]) && intervals.get(j)[0].isBefore(intervals.get(i)[1]);
                        assertThat(overlap).as(holders + " " + holder.get("id") + " sessions " + i + " and " + j).isFalse();
                    }
                }
            });
        }
    }
}
