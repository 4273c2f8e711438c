package app.sabai.identity.token;

import app.sabai.identity.clients.SabaiClients;
import app.sabai.identity.testing.DemoIdentityTest;
import app.sabai.identity.testing.IdentityClient;
import app.sabai.identity.testing.Issuer;
import app.sabai.identity.testing.Jwts;
import app.sabai.identity.testing.Pkce;
import app.sabai.identity.users.DemoUsers;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static app.sabai.identity.testing.IdentityClient.json;
import static app.sabai.identity.testing.IdentityClient.location;
import static app.sabai.identity.testing.IdentityClient.query;
import static org.assertj.core.api.Assertions.assertThat;

/** The browser sign-in the gateway (and the API documentation page) drive, step by step over HTTP. */
@DemoIdentityTest
class AuthorizationCodeFlowIT {

    private static final String GATEWAY_REDIRECT = "http://localhost:8080" + SabaiClients.GATEWAY_LOGIN_PATH;
    private static final String DOCS_REDIRECT = "http://localhost:8080" + SabaiClients.DOCS_REDIRECT_PATH;
    private static final String GATEWAY_BASIC = IdentityClient.basic(SabaiClients.GATEWAY, SabaiClients.LOCAL_GATEWAY_SECRET);

    @LocalServerPort
    int port;

    @Test
    void staffSignInThroughTheGatewayAndGetAccessRefreshAndIdTokensWithTheirClaims() throws ParseException {
        IdentityClient browser = new IdentityClient(port);
        Pkce pkce = Pkce.fresh();
        String code = signInAndAuthorize(browser, "staff-liverpool", SabaiClients.GATEWAY, GATEWAY_REDIRECT, pkce, "nonce-1");

        HttpResponse<String> answer = redeem(browser, code, pkce.verifier());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode tokens = json(answer);
        assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isBetween(890L, 900L);
        JWTClaimsSet access = Jwts.verifyAccessToken(tokens.get("access_token").asString(), browser);
        assertThat(access.getSubject()).isEqualTo(DemoUsers.STAFF_LIVERPOOL.id());
        assertThat(access.getAudience()).contains("sabai", SabaiClients.GATEWAY);
        assertThat(access.getStringListClaim("roles")).containsExactly("STAFF");
        assertThat(access.getStringListClaim("branches")).containsExactly("liverpool", "merseyside-mobile");
        assertThat(access.getStringClaim("name")).isEqualTo(DemoUsers.STAFF_LIVERPOOL.name());
        assertThat(access.getClaim("email")).isNull();
        assertThat(access.getStringListClaim("scope")).contains("openid", "profile", "email");

        JWTClaimsSet id = Jwts.verify(tokens.get("id_token").asString(), Jwts.jwks(browser), Issuer.DEFAULT, SabaiClients.GATEWAY);
        assertThat(id.getSubject()).isEqualTo(DemoUsers.STAFF_LIVERPOOL.id());
        assertThat(id.getStringClaim("nonce")).isEqualTo("nonce-1");
        assertThat(id.getStringClaim("name")).isEqualTo(DemoUsers.STAFF_LIVERPOOL.name());
        assertThat(id.getStringListClaim("roles")).containsExactly("STAFF");
        assertThat(id.getStringListClaim("branches")).containsExactly("liverpool", "merseyside-mobile");

        String refreshToken = tokens.get("refresh_token").asString();
        HttpResponse<String> refreshed = browser.postForm("/oauth2/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), "Authorization", GATEWAY_BASIC);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode renewed = json(refreshed);
        JWTClaimsSet renewedAccess = Jwts.verifyAccessToken(renewed.get("access_token").asString(), browser);
        assertThat(renewedAccess.getJWTID()).isNotEqualTo(access.getJWTID());
        assertThat(renewedAccess.getSubject()).isEqualTo(DemoUsers.STAFF_LIVERPOOL.id());
        assertThat(renewedAccess.getStringListClaim("branches")).containsExactly("liverpool", "merseyside-mobile");
        assertThat(renewed.get("refresh_token").asString()).as("refresh tokens rotate").isNotEqualTo(refreshToken);
    }

    @Test
    void userinfoAnswersWhoIsSignedIn() {
        IdentityClient browser = new IdentityClient(port);
        Pkce pkce = Pkce.fresh();
        String code = signInAndAuthorize(browser, "customer", SabaiClients.GATEWAY, GATEWAY_REDIRECT, pkce, "n");
        String accessToken = json(redeem(browser, code, pkce.verifier())).get("access_token").asString();

        HttpResponse<String> answer = browser.get("/userinfo", "Authorization", "Bearer " + accessToken);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode user = json(answer);
        assertThat(user.get("sub").asString()).isEqualTo(DemoUsers.CUSTOMER.id());
        assertThat(user.get("name").asString()).isEqualTo("Dao Srisuk");
        assertThat(user.get("email").asString()).isEqualTo("customer@sabai.example");
        assertThat(user.get("roles").valueStream().map(JsonNode::asString)).containsExactly("CUSTOMER");
    }

    @Test
    void aWrongCodeVerifierIsRefused() {
        IdentityClient browser = new IdentityClient(port);
        Pkce pkce = Pkce.fresh();
        String code = signInAndAuthorize(browser, "customer", SabaiClients.GATEWAY, GATEWAY_REDIRECT, pkce, "n");

        HttpResponse<String> answer = redeem(browser, code, Pkce.fresh().verifier());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(answer.body()).doesNotContain("access_token");
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() {
        IdentityClient browser = new IdentityClient(port);
        signInAndAuthorize(browser, "customer", SabaiClients.GATEWAY, GATEWAY_REDIRECT, Pkce.fresh(), "n");

        HttpResponse<String> answer = browser.browse("/oauth2/authorize?response_type=code&client_id=" + SabaiClients.GATEWAY
                + "&scope=openid&state=s&redirect_uri=" + encode(GATEWAY_REDIRECT));

        assertThat(answer.statusCode()).isEqualTo(302);
        Map<String, String> back = query(location(answer));
        assertThat(back).doesNotContainKey("code");
        assertThat(back.get("error")).isEqualTo("invalid_request");
    }

    @Test
    void theDocumentationPageSignsInAsAPublicClientWithPkceAndNoSecret() throws ParseException {
        IdentityClient browser = new IdentityClient(port);
        Pkce pkce = Pkce.fresh();
        String code = signInAndAuthorize(browser, "customer2", SabaiClients.DOCS, DOCS_REDIRECT, pkce, "n");

        HttpResponse<String> answer = browser.postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
                "client_id", SabaiClients.DOCS, "code", code, "redirect_uri", DOCS_REDIRECT, "code_verifier", pkce.verifier()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer).has("refresh_token")).isFalse();
        JWTClaimsSet access = Jwts.verifyAccessToken(json(answer).get("access_token").asString(), browser);
        assertThat(access.getAudience()).contains("sabai", SabaiClients.DOCS);
        assertThat(access.getSubject()).isEqualTo(DemoUsers.CUSTOMER2.id());
        assertThat(access.getStringClaim("email")).isEqualTo("customer2@sabai.example");
    }

    @Test
    void theLoginFormAndAuthTokenGiveTheSameUserClaims() throws ParseException {
        IdentityClient browser = new IdentityClient(port);
        Pkce pkce = Pkce.fresh();
        String code = signInAndAuthorize(browser, "staff-bangkok", SabaiClients.GATEWAY, GATEWAY_REDIRECT, pkce, "n");
        JWTClaimsSet fromLogin = Jwts.verifyAccessToken(json(redeem(browser, code, pkce.verifier())).get("access_token").asString(), browser);

        HttpResponse<String> script = new IdentityClient(port).postForm("/auth/token",
                Map.of("username", "staff-bangkok", "password", "staff-bangkok"));
        JWTClaimsSet fromScript = Jwts.verifyAccessToken(json(script).get("access_token").asString(), browser);

        for (String claim : List.of("iss", "sub", "name", "roles", "branches")) {
            assertThat(fromScript.getClaim(claim)).as(claim).isEqualTo(fromLogin.getClaim(claim));
        }
        assertThat(fromScript.getClaim("email")).isNull();
        assertThat(fromScript.getAudience()).containsExactly(SabaiClients.CLI, "sabai");
        assertThat(fromScript.getExpirationTime().getTime() - fromScript.getIssueTime().getTime())
                .isEqualTo(fromLogin.getExpirationTime().getTime() - fromLogin.getIssueTime().getTime());
    }

    @Test
    void signingOutEndsTheSessionAndReturnsToTheGateway() {
        IdentityClient browser = new IdentityClient(port);
        Pkce pkce = Pkce.fresh();
        String code = signInAndAuthorize(browser, "ops", SabaiClients.GATEWAY, GATEWAY_REDIRECT, pkce, "n");
        String idToken = json(redeem(browser, code, pkce.verifier())).get("id_token").asString();

        HttpResponse<String> answer = browser.browse("/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + encode("http://localhost:8080/") + "&state=bye");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(location(answer)).isEqualTo("http://localhost:8080/?state=bye");
        HttpResponse<String> again = browser.browse(authorizeUrl(SabaiClients.GATEWAY, GATEWAY_REDIRECT, Pkce.fresh(), "n"));
        assertThat(location(again)).as("signed out: the login form again").endsWith("/login");
    }

    /** From the first authorization request, through the login form, to the code the client receives. */
    private String signInAndAuthorize(IdentityClient browser, String username, String clientId, String redirectUri, Pkce pkce,
                                      String nonce) {
        String authorize = authorizeUrl(clientId, redirectUri, pkce, nonce);
        HttpResponse<String> first = browser.browse(authorize);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(location(first)).endsWith("/login");

        HttpResponse<String> signedIn = browser.signIn(username, DemoUsers.password(
                DemoUsers.ALL.stream().filter(user -> user.username().equals(username)).findFirst().orElseThrow()));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(location(signedIn)).as("back to the authorization request").contains("/oauth2/authorize");

        HttpResponse<String> back = browser.browse(location(signedIn));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(location(back)).startsWith(redirectUri + "?");
        Map<String, String> parameters = query(location(back));
        assertThat(parameters).containsEntry("state", "state-" + nonce);
        return parameters.get("code");
    }

    private HttpResponse<String> redeem(IdentityClient browser, String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", GATEWAY_REDIRECT);
        form.put("code_verifier", verifier);
        return browser.postForm("/oauth2/token", form, "Authorization", GATEWAY_BASIC);
    }

    private static String authorizeUrl(String clientId, String redirectUri, Pkce pkce, String nonce) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=" + encode("openid profile email")
                + "&state=state-" + nonce + "&nonce=" + nonce + "&redirect_uri=" + encode(redirectUri)
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
