package app.sabai.infra.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What the launcher prints once the platform is up: where everything is and how to try it. */
public final class ReadyReport {

    /**
     * @param started     how long the start took
     * @param memory      resident memory per process name (bytes), the launcher included; empty where unknown
     * @param tomorrow    the date the example booking is for
     * @param bookingKey  the example's Idempotency-Key
     */
    public record Facts(LaunchOptions options, Duration started, Map<String, Long> memory, Path mailFolder,
                        LocalDate tomorrow, UUID bookingKey) {
    }

    /** identity's demo users (its {@code DemoUsers}); each one's password is the user name. */
    static final List<String> DEMO_USERS = List.of("customer", "customer2", "staff-liverpool", "staff-bangkok", "ops", "admin");

    private ReadyReport() {
    }

    /** The one line that says the platform is ready, for people and for scripts that wait for it. */
    public static String readyLine(Facts facts) {
        String memory = facts.memory().isEmpty() ? ""
                : ", " + megabytes(total(facts.memory())) + " MB resident in " + facts.memory().size() + " processes";
        return "Sabai is ready at " + facts.options().gatewayUrl() + " (started in "
                + String.format(Locale.ROOT, "%.1f", facts.started().toMillis() / 1000.0) + " s" + memory + ")";
    }

    public static String render(Facts facts) {
        LaunchOptions options = facts.options();
        String gateway = options.gatewayUrl();
        StringBuilder text = new StringBuilder();
        text.append(readyLine(facts)).append("\n\n");
        row(text, "Gateway", gateway);
        row(text, "Bookings", gateway + "/api/bookings");
        row(text, "Branches", gateway + "/api/branches");
        row(text, "Availability", gateway + "/api/availability?branchId=liverpool&technique=SWEDISH&durationMinutes=60&date=" + facts.tomorrow());
        row(text, "Staff board", gateway + "/api/branches/liverpool/board?date=" + facts.tomorrow() + "   (reassign, absences, rosters: see the README)");
        row(text, "Live events", "curl -N -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/ops/events   (signed in as ops or admin)");
        String issuer = "http://localhost:" + options.port(PortOption.IDENTITY);
        if (options.demo()) {
            row(text, "Identity", issuer + " (OpenID Connect issuer)");
            row(text, "", "demo users: " + String.join(", ", DEMO_USERS) + " (password = user name)");
            row(text, "", "sign in: " + signIn(gateway, "staff-liverpool"));
        } else {
            row(text, "Identity", issuer + " (OpenID Connect issuer; no demo users with --no-demo)");
        }
        if (!options.demo()) {
            row(text, "Demo data", "off (--no-demo): no branches until you create them");
        }
        text.append("\n  Book a treatment (signed in as above):\n")
                .append("    curl -i -X POST ").append(gateway).append("/api/bookings \\\n")
                .append("      -H \"Authorization: Bearer $TOKEN\" \\\n")
                .append("      -H 'Content-Type: application/json' \\\n")
                .append("      -H 'Idempotency-Key: ").append(facts.bookingKey()).append("' \\\n")
                .append("      -d '").append(exampleBooking(facts.tomorrow())).append("'\n")
                .append("  Read it back (its id ends the Location header of the answer):\n")
                .append("    curl -s -H \"Authorization: Bearer $TOKEN\" ").append(gateway).append("/api/bookings/BOOKING_ID\n\n");
        row(text, "Kafka", options.kafkaBootstrapServers() + (options.startsBroker() ? " (embedded broker, data in " + options.data().resolve("kafka") + ")" : " (external)"));
        row(text, "", "watch the events: ./sabai watch (all topics, with their CloudEvents headers), or any Kafka client:");
        row(text, "", "kafka-console-consumer.sh --bootstrap-server " + options.kafkaBootstrapServers()
                + " --topic sabai.bookings --from-beginning --property print.headers=true --property print.key=true");
        row(text, "MongoDB", options.mongoUri() + (options.startsStore()
                ? " (embedded store, databases booking, therapist, notification; data in " + options.data().resolve("mongo") + ")"
                : " (external)"));
        int imap = options.port(PortOption.IMAP);
        row(text, "Mailbox", "SMTP localhost:" + options.port(PortOption.SMTP) + (imap > 0
                ? ", IMAP localhost:" + imap + " (user: the recipient address, any password)"
                : ""));
        row(text, "", "every message is saved as a file in " + facts.mailFolder()
                + (imap > 0 ? "" : " (add --imap-port 3143 to read them with a mail client too)"));
        row(text, "Logs", options.data().resolve("logs") + " (pids in " + options.data().resolve("run") + ")");
        row(text, "Metrics", "http://localhost:" + options.port(PortOption.BOOKING) + "/actuator/prometheus (booking-service; therapist-service "
                + options.port(PortOption.THERAPIST) + ", notification-service " + options.port(PortOption.NOTIFICATION) + ", gateway "
                + options.port(PortOption.GATEWAY) + ", identity " + options.port(PortOption.IDENTITY) + " likewise)");
        row(text, "Traces", options.otlpEndpoint() != null
                ? "sent to " + options.otlpEndpoint() + " (OTLP); their ids are in every log line"
                : "ids in every log line; none sent (add --otlp-endpoint http://localhost:4318 for a collector)");
        if (!facts.memory().isEmpty()) {
            StringBuilder each = new StringBuilder();
            facts.memory().forEach((name, bytes) -> each.append(each.isEmpty() ? "" : ", ").append(name).append(' ').append(megabytes(bytes)));
            row(text, "Memory (MB)", megabytes(total(facts.memory())) + " in all: " + each);
        }
        text.append("\nPress Ctrl-C to stop everything.\n");
        return text.toString();
    }

    /** A shell line that signs the demo user in and keeps the token in {@code $TOKEN}. */
    static String signIn(String gateway, String user) {
        return "TOKEN=$(curl -s -X POST " + gateway + "/auth/token -d username=" + user + " -d password=" + user
                + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')";
    }

    static String exampleBooking(LocalDate day) {
        return "{\"branchId\":\"liverpool\",\"technique\":\"SWEDISH\",\"durationMinutes\":60,"
                + "\"startLocal\":\"" + day + "T10:00\","
                + "\"customer\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"phone\":\"+447700900123\",\"language\":\"en\"},"
                + "\"bodyAreas\":[\"WHOLE_BACK\"],"
                + "\"intake\":{\"conditions\":[],\"pregnant\":false,\"allergies\":[]}}";
    }

    private static void row(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-14s %s%n", label, value));
    }

    private static long total(Map<String, Long> memory) {
        return memory.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long megabytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}
