package app.sabai.gateway.problem;

import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.TestRoutes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@GatewayTest
class GatewayProblemAnswersTest {

    @Autowired
    WebTestClient client;

    @Test
    void aPathWithNoRouteIsANotFoundProblem() {
        client.get().uri("/api/nowhere/at/all")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://sabai.app/problems/not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("There is no API at /api/nowhere/at/all.")
                .jsonPath("$.instance").isEqualTo("/api/nowhere/at/all");
    }

    @Test
    void anUnknownOperationsPathIsANotFoundProblemToo() {
        client.post().uri("/api/ops/replay")
                .header("Authorization", Callers.bearer(Callers.OPS))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBackendThatIsDownIsAServiceUnavailableProblemNamingIt() {
        client.get().uri(TestRoutes.DEAD_BACKEND_PATH + "/anything")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://sabai.app/problems/service-unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isEqualTo("dead-service is not reachable right now; try again in a moment.");
    }
}
