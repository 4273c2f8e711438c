package app.sabai.system.flows;

import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import app.sabai.system.harness.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace across the platform: a {@code traceparent} a client sends to the gateway is continued by booking-service,
 * carried on every event of the booking through Kafka, continued by therapist-service and notification-service, and
 * written on the log lines each of them writes while working on it.
 */
class TraceSystemTest {

    static final Duration DECISION = Duration.ofSeconds(60);

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
    void aTraceIdSentToTheGatewayIsOnEveryEventOfTheBookingAndInEachServicesLog() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        String body = booking().branch("liverpool").technique("SWEDISH", 60)
                .at(LocalDate.now(ZoneId.of("Europe/London")).plusDays(9), LocalTime.of(15, 0)).json();

        Gateway.Response accepted = gateway.post("/api/bookings", body, Map.of("traceparent", traceparent));

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String id = accepted.body().get("id").asString();
        await().atMost(DECISION).until(() -> "CONFIRMED".equals(gateway.booking(id).get("status").asString()));
        List<ConsumerRecord<String, byte[]>> requested = topics.read("sabai.bookings",
                record -> id.equals(Topics.header(record, "ce_subject")), 2, Duration.ofSeconds(5));
        List<ConsumerRecord<String, byte[]>> assigned = topics.read("sabai.assignments",
                record -> id.equals(Topics.header(record, "ce_subject")), 1, Duration.ofSeconds(5));
        assertThat(requested).extracting(record -> Topics.header(record, "ce_type"))
                .contains("sabai.bookings.BookingRequested.v1", "sabai.bookings.BookingConfirmed.v1");
        assertThat(requested).as("booking events").allSatisfy(record ->
                assertThat(Topics.header(record, "traceparent")).contains("-" + traceId + "-"));
        assertThat(assigned).as("assignment events").isNotEmpty().allSatisfy(record ->
                assertThat(Topics.header(record, "traceparent")).contains("-" + traceId + "-"));

        for (String service : List.of("booking-service", "therapist-service", "notification-service")) {
            await().atMost(DECISION).untilAsserted(() -> assertThat(log(service)).as(service + "'s log").contains(traceId));
        }
    }

    private static String log(String process) {
        Path file = platform.dataDirectory().resolve("logs").resolve(process + ".log");
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
