package app.sabai.gateway.docs;

import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.StubBackend;
import app.sabai.gateway.testing.TestIdentity;
import app.sabai.identity.clients.SabaiClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** One Swagger UI at the gateway for every service's document, open without signing in, signing in as sabai-docs. */
@GatewayTest
class ApiExplorerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"booking-service", "therapist-service", "notification-service"})
    void eachServicesDocumentIsReadThroughTheGatewayWithoutAToken(String service) {
        StubBackend backend = switch (service) {
            case "booking-service" -> Backends.BOOKING;
            case "therapist-service" -> Backends.THERAPIST;
            default -> Backends.NOTIFICATION;
        };
        String probe = "probe=" + UUID.randomUUID();

        client.get().uri("/v3/api-docs/" + service + "?" + probe)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.info.title").isEqualTo("Sabai " + service);

        assertThat(backend.receivedWithQuery(probe)).singleElement()
                .satisfies(received -> assertThat(received.pathAndQuery()).isEqualTo(StubBackend.API_DOCS + "?" + probe));
    }

    @Test
    void theExplorerPageOpensWithoutSigningIn() {
        EntityExchangeResult<byte[]> entry = client.get().uri("/swagger-ui.html").accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().is3xxRedirection().expectBody().returnResult();
        URI page = entry.getResponseHeaders().getLocation();
        assertThat(page).isNotNull();
        assertThat(page.getPath()).isEqualTo("/swagger-ui/index.html");

        client.get().uri(page.getPath()).accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("<div id=\"swagger-ui\"></div>"));
        client.get().uri("/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
        client.get().uri(SabaiClients.DOCS_REDIRECT_PATH).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
    }

    @Test
    void theExplorerListsTheThreeServicesAndComesBackWhereIdentityExpectsIt() {
        JsonNode config = JSON.readTree(client.get().uri("/v3/api-docs/swagger-config")
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());

        Map<String, String> urls = StreamSupport.stream(config.get("urls").spliterator(), false)
                .collect(Collectors.toMap(url -> url.get("name").asString(), url -> url.get("url").asString()));
        assertThat(urls).containsExactlyInAnyOrderEntriesOf(Map.of(
                "booking-service", "/v3/api-docs/booking-service",
                "therapist-service", "/v3/api-docs/therapist-service",
                "notification-service", "/v3/api-docs/notification-service"));
        assertThat(URI.create(config.get("oauth2RedirectUrl").asString()).getPath()).isEqualTo(SabaiClients.DOCS_REDIRECT_PATH);
        // The gateway has no document of its own.
        client.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
    }

    @Test
    void theExplorerSignsInAsThePublicDocsClientWithPkce() {
        String initializer = client.get().uri("/swagger-ui/swagger-initializer.js")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        String oauth = initializer.substring(initializer.indexOf("ui.initOAuth("));
        JsonNode settings = JSON.readTree(oauth.substring(oauth.indexOf('{'), oauth.indexOf('}') + 1));
        assertThat(settings.get("clientId").asString()).isEqualTo(SabaiClients.DOCS);
        assertThat(settings.get("usePkceWithAuthorizationCodeGrant").asBoolean()).isTrue();
        assertThat(settings.has("clientSecret")).as("a public client has no secret").isFalse();
        assertThat(settings.get("scopes").asString()).as("the scopes identity registers for sabai-docs").isEqualTo("openid profile email");
        assertThat(initializer).doesNotContain("petstore");
    }

    @Test
    void onlyTheExplorersPagesMayUseInlineStylesAndFetchTheirTokenFromTheIssuer() {
        String issuer = TestIdentity.get().issuer();

        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .contains("style-src 'self' 'unsafe-inline'", "connect-src 'self' " + issuer, "frame-ancestors 'none'")
                        .doesNotContain("script-src", "unsafe-eval"));
        client.get().uri("/api/branches").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .doesNotContain("unsafe-inline", "connect-src", "data:"));
    }
}
