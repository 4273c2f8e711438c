package app.sabai.gateway.security;

import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.StubBackend;
import app.sabai.gateway.testing.TokenClaims;
import app.sabai.identity.users.DemoUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /auth/token} through the gateway, as a local run's scripts use it. */
@GatewayTest
class LocalTokenRouteTest {

    @Autowired
    WebTestClient client;

    @Test
    void theIdentityProviderAnswersWithATokenTheGatewayThenAccepts() {
        byte[] answer = client.post().uri("/auth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=customer2&password=customer2")
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        JsonNode token = JsonMapper.builder().build().readTree(answer);
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        String path = "/api/me/bookings?probe=" + UUID.randomUUID();

        client.get().uri(path)
                .header("Authorization", "Bearer " + token.get("access_token").asString())
                .exchange()
                .expectStatus().isOk();

        StubBackend.Received received = Backends.BOOKING.receivedFor(path).getFirst();
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + token.get("access_token").asString());
        assertThat(TokenClaims.ofBearer(received.header("Authorization")).get("sub").asString()).isEqualTo(DemoUsers.CUSTOMER2.id());
    }

    @Test
    void aWrongPasswordIsTheIdentityProvidersOwnProblem() {
        client.post().uri("/auth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=customer2&password=guess")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("username or password is wrong");
    }
}
