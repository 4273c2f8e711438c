package app.sabai.gateway.limits;

import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTestInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A gateway of its own with small limits: three requests a client, one more each second; two tries at a token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=reactive",
        "sabai.gateway.rate-limit.capacity=3",
        "sabai.gateway.rate-limit.refill-per-second=1",
        "sabai.gateway.rate-limit.token-endpoint.capacity=2",
        "sabai.gateway.rate-limit.token-endpoint.period=1m"})
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = GatewayTestInitializer.class)
class RateLimitsTest {

    private static final int CAPACITY = 3;

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @Test
    void aBurstOverTheLimitIsAnswered429WithRetryAfterAndPassesAgainOnceThatTimeIsUp() {
        String staff = Callers.bearer(Callers.STAFF_BANGKOK);
        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i <= CAPACITY && refused == null; i++) {
            EntityExchangeResult<byte[]> answer = get(staff);
            statuses.add(answer.getStatus().value());
            if (answer.getStatus().value() == 429) {
                refused = answer;
            }
        }

        assertThat(statuses).as("a burst of %d", CAPACITY + 1).endsWith(429).contains(200);
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(refused.getResponseBodyContent())).contains("https://sabai.app/problems/too-many-requests");
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(get(Callers.bearer(Callers.CUSTOMER2)).getStatus().value()).as("another client has a bucket of its own").isEqualTo(200);
        assertThat(limited("api")).isEqualTo(1);
        assertThat(client.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult().getResponseBody())
                .contains("sabai_gateway_rate_limited_total{application=\"gateway\",path_group=\"api\"} 1.0");

        await().pollDelay(Duration.ofSeconds(retryAfter)).atMost(Duration.ofSeconds(retryAfter + 2))
                .until(() -> get(staff).getStatus().value() == 200);
    }

    @Test
    void tokenRequestsHaveASmallerBucketPerAddressAgainstPasswordGuessing() {
        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<byte[]> last = null;
        for (int i = 0; i < 3; i++) {
            last = client.post().uri("/auth/token")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("username=admin&password=guess-" + i)
                    .exchange().expectBody().returnResult();
            statuses.add(last.getStatus().value());
        }

        assertThat(statuses).containsExactly(401, 401, 429);
        assertThat(limited("token")).isEqualTo(1);
        assertThat(Long.parseLong(last.getResponseHeaders().getFirst("Retry-After"))).isBetween(1L, 30L);
        client.get().uri("/api/branches").exchange().expectStatus().isOk();
    }

    private double limited(String pathGroup) {
        var counter = meters.find("sabai.gateway.rate.limited").tag("path.group", pathGroup).counter();
        return counter == null ? 0 : counter.count();
    }

    private EntityExchangeResult<byte[]> get(String authorization) {
        return client.get().uri("/api/bookings/b-1").header("Authorization", authorization).exchange().expectBody().returnResult();
    }
}
