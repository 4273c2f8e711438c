package app.sabai.infra.launcher;

import app.sabai.infra.Ports;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessProbeTest {

    @Test
    void aServiceIsUpWhenItsHealthSaysSo() {
        assertThat(ReadinessProbe.healthSatisfies("{\"status\":\"UP\"}", 0)).isTrue();
        assertThat(ReadinessProbe.healthSatisfies("{\"status\":\"DOWN\"}", 0)).isFalse();
        assertThat(ReadinessProbe.healthSatisfies("not json", 0)).isFalse();
    }

    @Test
    void withDemoDataBookingServiceMustKnowTheDemoBranches() {
        String three = "{\"status\":\"UP\",\"components\":{\"catalogue\":{\"status\":\"UP\",\"details\":{\"branches\":3}}}}";
        String four = "{\"status\":\"UP\",\"components\":{\"catalogue\":{\"status\":\"UP\",\"details\":{\"branches\":4}}}}";

        assertThat(ReadinessProbe.healthSatisfies(three, 4)).isFalse();
        assertThat(ReadinessProbe.healthSatisfies(four, 4)).isTrue();
        assertThat(ReadinessProbe.healthSatisfies("{\"status\":\"UP\"}", 4)).isFalse();
    }

    @Test
    void asksARealHealthEndpoint() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"components\":{\"catalogue\":{\"details\":{\"branches\":4}}}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (ReadinessProbe probe = new ReadinessProbe()) {
            URI health = URI.create("http://localhost:" + server.getAddress().getPort() + "/actuator/health");

            assertThat(probe.isReady(new Readiness.HealthUp(health, 4))).isTrue();
            assertThat(probe.isReady(new Readiness.HealthUp(health, 5))).isFalse();
            assertThat(probe.isReady(new Readiness.HealthUp(URI.create("http://localhost:" + Ports.free() + "/actuator/health"), 0))).isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStoreIsReadyWhenItAcceptsConnections() throws Exception {
        try (ReadinessProbe probe = new ReadinessProbe(); ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThat(probe.isReady(new Readiness.AcceptsConnections(listening.getLocalPort()))).isTrue();
            assertThat(probe.isReady(new Readiness.AcceptsConnections(Ports.free()))).isFalse();
        }
    }

    @Test
    void aBrokerThatIsNotThereDoesNotAnswer() {
        try (ReadinessProbe probe = new ReadinessProbe()) {
            assertThat(probe.isReady(new Readiness.KafkaAnswers("localhost:" + Ports.free()))).isFalse();
        }
    }
}
