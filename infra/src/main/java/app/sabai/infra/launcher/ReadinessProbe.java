package app.sabai.infra.launcher;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One look at whether a child is ready, by the rule its {@link Readiness} names. */
public final class ReadinessProbe implements AutoCloseable {

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ATTEMPT_TIMEOUT).build();

    public boolean isReady(Readiness readiness) {
        return switch (readiness) {
            case Readiness.KafkaAnswers kafka -> kafkaAnswers(kafka.bootstrapServers());
            case Readiness.AcceptsConnections tcp -> acceptsConnections(tcp.port());
            case Readiness.HealthUp health -> healthUp(health);
        };
    }

    private static boolean kafkaAnswers(String bootstrapServers) {
        int timeout = (int) ATTEMPT_TIMEOUT.toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1000))) {
            return !admin.describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), (int) ATTEMPT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean healthUp(Readiness.HealthUp rule) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(rule.health()).timeout(ATTEMPT_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && healthSatisfies(response.body(), rule.minCatalogueBranches());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * True when an {@code /actuator/health} answer is UP and, if branches are expected, its
     * {@code components.catalogue.details.branches} holds at least that many.
     */
    static boolean healthSatisfies(String healthJson, int minCatalogueBranches) {
        try {
            JsonNode health = JSON.readTree(healthJson);
            if (!"UP".equals(health.path("status").asString(""))) {
                return false;
            }
            return minCatalogueBranches <= 0
                    || health.path("components").path("catalogue").path("details").path("branches").asInt(0) >= minCatalogueBranches;
        } catch (JacksonException e) {
            return false;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
