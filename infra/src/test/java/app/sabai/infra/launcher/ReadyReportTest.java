package app.sabai.infra.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyReportTest {

    private static final long MB = 1024 * 1024;
    private static final UUID KEY = UUID.fromString("5b7c9d1e-0f7a-4c55-9e0b-2d7f3f9a6c11");

    @Test
    void theReadyLineGivesTheGatewayTheStartTimeAndTheMemory() {
        Map<String, Long> memory = new LinkedHashMap<>();
        memory.put("broker", 200 * MB);
        memory.put("booking-service", 150 * MB);
        memory.put("launcher", 60 * MB);

        String line = ReadyReport.readyLine(facts(List.of(), Duration.ofMillis(14_230), memory));

        assertThat(line).isEqualTo("Sabai is ready at http://localhost:8080 (started in 14.2 s, 410 MB resident in 3 processes)");
    }

    @Test
    void theReadyLineLeavesOutMemoryWhereItCannotBeMeasured() {
        assertThat(ReadyReport.readyLine(facts(List.of("--gateway-port", "9080"), Duration.ofSeconds(9), Map.of())))
                .isEqualTo("Sabai is ready at http://localhost:9080 (started in 9.0 s)");
    }

    @Test
    void theReportShowsHowToBookAndReadItBackAndWhereEverythingIs() {
        String report = ReadyReport.render(facts(List.of(), Duration.ofSeconds(12), Map.of("gateway", 150 * MB)));

        assertThat(report)
                .contains("curl -i -X POST http://localhost:8080/api/bookings")
                .contains("Idempotency-Key: " + KEY)
                .contains("\"startLocal\":\"2026-12-01T10:00\"")
                .contains("curl -s http://localhost:8080/api/bookings/BOOKING_ID")
                .contains("curl -N http://localhost:8080/api/ops/events -H \"Authorization: Bearer <a token of ops or admin>\"")
                .contains("Staff board    http://localhost:8080/api/branches/liverpool/board?date=2026-12-01")
                .contains("./sabai watch")
                .contains("kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic sabai.bookings")
                .contains("mongodb://localhost:27017")
                .contains("SMTP localhost:3025")
                .contains("add --imap-port 3143")
                .contains("/work/sabai/.sabai/logs")
                .doesNotContain("none needed yet")
                .contains("Press Ctrl-C to stop");
    }

    @Test
    void theReportNamesTheIssuerTheDemoUsersAndHowToGetAToken() {
        String report = ReadyReport.render(facts(List.of("--identity-port", "9100"), Duration.ofSeconds(12), Map.of()));

        assertThat(report)
                .contains("Identity       http://localhost:9100 (OpenID Connect issuer)")
                .contains("customer, customer2, staff-liverpool, staff-bangkok, ops, admin (password = user name)")
                .contains("curl -s -X POST http://localhost:8080/auth/token -d username=customer -d password=customer");
    }

    @Test
    void withoutDemoDataTheReportOffersNoDemoUsers() {
        String report = ReadyReport.render(facts(List.of("--no-demo"), Duration.ofSeconds(12), Map.of()));

        assertThat(report)
                .contains("Identity       http://localhost:9000 (OpenID Connect issuer; no demo users with --no-demo)")
                .doesNotContain("password = user name")
                .doesNotContain("/auth/token");
    }

    @Test
    void theExampleBookingIsValidJsonInTheApiShape() throws Exception {
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(ReadyReport.exampleBooking(LocalDate.of(2026, 12, 1)));

        assertThat(json.get("branchId").asString()).isEqualTo("liverpool");
        assertThat(json.get("technique").asString()).isEqualTo("SWEDISH");
        assertThat(json.get("customer").get("email").asString()).isEqualTo("ada@example.com");
        assertThat(json.get("intake").get("pregnant").asBoolean()).isFalse();
    }

    private static ReadyReport.Facts facts(List<String> args, Duration took, Map<String, Long> memory) {
        LaunchOptions options = LaunchOptions.parse(args, Map.of(), Path.of("/work/sabai"));
        return new ReadyReport.Facts(options, took, memory, options.data().resolve("mail"), LocalDate.of(2026, 12, 1), KEY);
    }
}
