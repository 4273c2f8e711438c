package app.sabai.gateway.security;

import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.Browser;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.StubBackend;
import app.sabai.gateway.testing.TestIdentity;
import app.sabai.gateway.testing.TestRoutes;
import app.sabai.gateway.testing.TokenClaims;
import app.sabai.identity.users.DemoUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static app.sabai.gateway.testing.Browser.location;
import static app.sabai.gateway.testing.Browser.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as the browser's front door: signing in at the identity provider with the authorization code flow
 * and PKCE, a session cookie the browser keeps and nothing more, the access token relayed to the services, and CSRF
 * protection for the session's changes.
 */
@GatewayTest
class BrowserSignInTest {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    @Test
    void aSignedInBrowserHoldsOnlyASessionCookieAndTheServicesGetItsAccessToken() {
        Browser browser = new Browser();
        signIn(browser, "staff-liverpool");

        HttpCookie session = browser.cookie("SESSION").orElseThrow();
        assertThat(session.isHttpOnly()).isTrue();
        String path = "/api/bookings/" + UUID.randomUUID();
        HttpResponse<String> answer = browser.get(gateway(path));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        StubBackend.Received received = Backends.BOOKING.receivedFor(path).getFirst();
        JsonNode claims = TokenClaims.ofBearer(received.header("Authorization"));
        assertThat(claims.get("sub").asString()).isEqualTo(DemoUsers.STAFF_LIVERPOOL.id());
        assertThat(claims.get("iss").asString()).isEqualTo(TestIdentity.get().issuer());
        assertThat(claims.get("roles").valueStream().map(JsonNode::asString)).containsExactly("STAFF");
        assertThat(claims.get("branches").valueStream().map(JsonNode::asString)).containsExactly("liverpool", "merseyside-mobile");
        assertThat(claims.get("aud").valueStream().map(JsonNode::asString)).contains("sabai");
        assertThat(received.header("Cookie")).as("the gateway's cookies stay at the gateway").isNull();
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshedBeforeItIsRelayed() {
        Browser browser = new Browser();
        signIn(browser, "customer");
        String first = relayedToken(browser);

        String renewed = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> relayedToken(browser), token -> !token.equals(first));

        JsonNode claims = TokenClaims.ofBearer(renewed);
        assertThat(claims.get("sub").asString()).isEqualTo(DemoUsers.CUSTOMER.id());
        assertThat(claims.get("jti").asString()).isNotEqualTo(TokenClaims.ofBearer(first).get("jti").asString());
    }

    @Test
    void aSessionCarriesTheRolesOfItsUser() {
        Browser operations = new Browser();
        signIn(operations, "ops");
        Browser staff = new Browser();
        signIn(staff, "staff-bangkok");
        String path = TestRoutes.OPERATIONS_PATH + "/" + UUID.randomUUID();

        assertThat(staff.get(gateway(path)).statusCode()).isEqualTo(403);
        assertThat(operations.get(gateway(path)).statusCode()).isEqualTo(200);
        assertThat(Backends.BOOKING.receivedFor(path)).singleElement();
    }

    @Test
    void theSignInUsesPkceAndComesBackToTheGatewaysRedirectAddress() {
        Browser browser = new Browser();

        HttpResponse<String> start = browser.open(gateway("/oauth2/authorization/sabai"));

        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = location(start);
        assertThat(authorize).startsWith(TestIdentity.get().issuer() + "/oauth2/authorize?");
        Map<String, String> parameters = query(authorize);
        assertThat(parameters).containsEntry("response_type", "code")
                .containsEntry("client_id", "sabai-gateway")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", gateway("/login/oauth2/code/sabai"))
                .containsKeys("state", "nonce");
        assertThat(parameters.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(parameters.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
        assertThat(start.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("SESSION=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void aChangeMadeWithTheSessionNeedsTheCsrfTokenFromItsCookie() {
        Browser browser = new Browser();
        signIn(browser, "customer");
        browser.get(gateway("/api/bookings/" + UUID.randomUUID()));
        HttpCookie csrf = browser.cookie("XSRF-TOKEN").orElseThrow();
        assertThat(csrf.isHttpOnly()).as("the pages' script reads it").isFalse();
        String path = "/api/bookings/" + UUID.randomUUID() + "/cancellation";

        HttpResponse<String> withoutToken = browser.post(gateway(path), JSON, "{\"reason\":\"ill\"}");

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(withoutToken.body()).contains("X-XSRF-TOKEN");
        assertThat(Backends.BOOKING.receivedFor(path)).isEmpty();

        HttpResponse<String> withToken = browser.post(gateway(path), JSON, "{\"reason\":\"ill\"}", "X-XSRF-TOKEN", csrf.getValue());

        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
        assertThat(Backends.BOOKING.receivedFor(path)).singleElement()
                .satisfies(received -> assertThat(received.header("Authorization")).startsWith("Bearer "));
    }

    @Test
    void aPageSendsABrowserThatIsNotSignedInToSignInButTheApiAnswers401() {
        Browser browser = new Browser();

        HttpResponse<String> page = browser.open(gateway("/staff"));
        HttpResponse<String> api = browser.get(gateway("/api/bookings/" + UUID.randomUUID()), "Accept", "text/html");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(location(page)).isEqualTo("/oauth2/authorization/sabai");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void signingOutEndsTheSessionHereAndAtTheIdentityProvider() {
        Browser browser = new Browser();
        signIn(browser, "ops");
        browser.get(gateway("/api/bookings/" + UUID.randomUUID()));
        String csrf = browser.cookie("XSRF-TOKEN").orElseThrow().getValue();

        HttpResponse<String> signedOut = browser.post(gateway("/logout"), "application/x-www-form-urlencoded", "", "X-XSRF-TOKEN", csrf);

        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(location(signedOut)).startsWith(TestIdentity.get().issuer() + "/connect/logout?");
        assertThat(query(location(signedOut))).containsEntry("post_logout_redirect_uri", gateway("/")).containsKey("id_token_hint");
        HttpResponse<String> atIdentity = browser.open(location(signedOut));
        assertThat(atIdentity.statusCode()).isEqualTo(302);
        assertThat(location(atIdentity)).startsWith(gateway("/"));
        assertThat(browser.get(gateway("/api/bookings/" + UUID.randomUUID())).statusCode()).isEqualTo(401);
    }

    /** The whole sign-in, from the gateway to the identity provider's login form and back. */
    private void signIn(Browser browser, String username) {
        HttpResponse<String> toIdentity = browser.open(gateway("/oauth2/authorization/sabai"));
        HttpResponse<String> toLogin = browser.open(location(toIdentity));
        assertThat(location(toLogin)).endsWith("/login");
        HttpResponse<String> signedIn = browser.signInAtIdentity(location(toLogin), username, username);
        assertThat(location(signedIn)).contains("/oauth2/authorize");
        HttpResponse<String> withCode = browser.open(location(signedIn));
        assertThat(location(withCode)).startsWith(gateway("/login/oauth2/code/sabai?"));

        HttpResponse<String> back = browser.open(location(withCode));

        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(location(back)).doesNotContain("error");
        assertThat(back.headers().allValues("Set-Cookie")).as("a new session id once signed in")
                .anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
    }

    /** The Authorization header the booking service got for a request made with the browser's session. */
    private String relayedToken(Browser browser) {
        String path = "/api/bookings/" + UUID.randomUUID();
        assertThat(browser.get(gateway(path)).statusCode()).isEqualTo(200);
        return Backends.BOOKING.receivedFor(path).getFirst().header("Authorization");
    }

    private String gateway(String path) {
        return "http://localhost:" + port + path;
    }
}
