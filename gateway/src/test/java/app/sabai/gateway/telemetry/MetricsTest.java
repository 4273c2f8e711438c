package app.sabai.gateway.telemetry;

import app.sabai.gateway.testing.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class MetricsTest {

    @Autowired
    WebTestClient client;

    @Test
    void prometheusIsScrapedWithoutATokenAndCountsRoutedRequestsByRouteAndStatus() {
        client.get().uri("/api/branches/" + UUID.randomUUID()).exchange().expectStatus().isOk();

        String scrape = client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape.lines().filter(line -> line.startsWith("spring_cloud_gateway_requests_seconds_count{")
                && line.contains("application=\"gateway\"") && line.contains("routeId=\"customer-branches\"")
                && line.contains("status=\"OK\"") && line.contains("httpStatusCode=\"200\""))).isNotEmpty();
        assertThat(scrape).contains("http_server_requests_seconds_count{application=\"gateway\"");
    }
}
