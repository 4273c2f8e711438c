package app.sabai.support.it;

import app.sabai.support.security.Caller;
import app.sabai.support.security.VerifiedTokens;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static app.sabai.support.testing.TestCallers.admin;
import static app.sabai.support.testing.TestCallers.customer;
import static app.sabai.support.testing.TestCallers.nobody;
import static app.sabai.support.testing.TestCallers.ops;
import static app.sabai.support.testing.TestCallers.staff;
import static org.assertj.core.api.Assertions.assertThat;

/** A service as a resource server: which tokens it takes, and the declared rules of its routes. */
@SabaiServiceTest
class AccessRulesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Nested
    class Tokens {

        @Test
        void aRequestWithoutATokenIsAskedToSignInWithAProblem() throws Exception {
            HttpResponse<String> answer = send("GET", "/branches/liverpool/things", null);

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(json(answer).get("detail").asString()).contains("Sign in first");
        }

        @Test
        void anExpiredTokenIsRefused() throws Exception {
            String token = TestIssuer.get().token(admin(), TestIssuer.get().issuerUri(), "sabai", Instant.now().minus(Duration.ofHours(1)),
                    Duration.ofMinutes(15));

            HttpResponse<String> answer = send("GET", "/branches/liverpool/things", token);

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(json(answer).get("detail").asString()).isEqualTo("The access token was refused: it has expired");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
        }

        @Test
        void aTokenFromAnotherIssuerIsRefusedEvenWithAKnownKey() throws Exception {
            String token = TestIssuer.get().token(admin(), "https://issuer.elsewhere.example", "sabai", Instant.now(), Duration.ofMinutes(15));

            HttpResponse<String> answer = send("GET", "/branches/liverpool/things", token);

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(json(answer).get("detail").asString()).contains("issuer this platform does not trust");
        }

        @Test
        void aTokenForAnotherAudienceIsRefused() throws Exception {
            String token = TestIssuer.get().token(admin(), TestIssuer.get().issuerUri(), "payroll", Instant.now(), Duration.ofMinutes(15));

            HttpResponse<String> answer = send("GET", "/branches/liverpool/things", token);

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(json(answer).get("detail").asString()).contains("not issued for Sabai");
        }

        @Test
        void aTamperedTokenIsRefused() throws Exception {
            String token = TestIssuer.get().token(admin());
            String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

            assertThat(send("GET", "/branches/liverpool/things", token).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/branches/liverpool/things", tampered).statusCode()).isEqualTo(401);
            assertThat(send("GET", "/branches/liverpool/things", "not-a-token").statusCode()).isEqualTo(401);
        }

        @Test
        void aTokenThatCheckedOutIsVerifiedOnceForTheRequestsThatBringIt() throws Exception {
            String token = TestIssuer.get().token(staff("liverpool"));
            double hits = tokenLookups("hit");
            double misses = tokenLookups("miss");

            for (int i = 0; i < 3; i++) {
                assertThat(send("GET", "/branches/liverpool/things", token).statusCode()).isEqualTo(200);
            }

            assertThat(tokenLookups("miss") - misses).isEqualTo(1);
            assertThat(tokenLookups("hit") - hits).isEqualTo(2);
            assertThat(send("GET", "/branches/bangkok-sukhumvit/things", token).statusCode()).as("a remembered token's caller is still checked")
                    .isEqualTo(403);
        }

        @Test
        void theCallerIsWhatTheTokenSays() throws Exception {
            Caller customer = customer("c-42", "c42@example.com");

            HttpResponse<String> answer = send("GET", "/whoami", TestIssuer.get().token(customer));

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = json(answer);
            assertThat(body.get("subject").asString()).isEqualTo("c-42");
            assertThat(body.get("roles").get(0).asString()).isEqualTo("CUSTOMER");
            assertThat(body.get("email").asString()).isEqualTo("c42@example.com");
        }
    }

    @Nested
    class Rules {

        @Test
        void staffActOnlyAtTheirOwnBranches() throws Exception {
            String liverpoolStaff = TestIssuer.get().token(staff("liverpool"));

            assertThat(send("POST", "/branches/liverpool/things", liverpoolStaff).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/branches/liverpool/things", liverpoolStaff).statusCode()).isEqualTo(200);
            HttpResponse<String> elsewhere = send("POST", "/branches/bangkok-sukhumvit/things", liverpoolStaff);
            assertThat(elsewhere.statusCode()).isEqualTo(403);
            assertThat(elsewhere.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(elsewhere).get("detail").asString()).contains("STAFF");
            assertThat(send("GET", "/branches/bangkok-sukhumvit/things", liverpoolStaff).statusCode()).isEqualTo(403);
        }

        @Test
        void operationsReadEveryBranchAndChangeNothing() throws Exception {
            String operations = TestIssuer.get().token(ops());

            assertThat(send("GET", "/branches/bangkok-sukhumvit/things", operations).statusCode()).isEqualTo(200);
            HttpResponse<String> change = send("POST", "/branches/bangkok-sukhumvit/things", operations);
            assertThat(change.statusCode()).isEqualTo(403);
            assertThat(json(change).get("detail").asString()).contains("operations read, and change nothing");
        }

        @Test
        void anAdministratorActsAnywhere() throws Exception {
            assertThat(send("POST", "/branches/new-york-soho/things", TestIssuer.get().token(admin())).statusCode()).isEqualTo(200);
        }

        @Test
        void aCustomerIsNotStaff() throws Exception {
            assertThat(send("GET", "/branches/liverpool/things", TestIssuer.get().token(customer())).statusCode()).isEqualTo(403);
        }

        @Test
        void aRouteNobodyDeclaredIsClosedToEveryone() throws Exception {
            for (Caller caller : new Caller[] {admin(), ops(), staff("liverpool"), customer(), nobody()}) {
                assertThat(send("GET", "/undeclared", TestIssuer.get().token(caller)).statusCode()).as(caller.toString()).isEqualTo(403);
            }
            assertThat(send("GET", "/undeclared", null).statusCode()).isEqualTo(401);
        }

        @Test
        void healthIsOpen() throws Exception {
            assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        }

        @Test
        void theApiDocumentIsOpenAndSaysHowToSignIn() throws Exception {
            HttpResponse<String> answer = send("GET", "/v3/api-docs", null);

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode document = json(answer);
            assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
            assertThat(document.at("/components/securitySchemes/sabai/flows/authorizationCode/authorizationUrl").asString())
                    .isEqualTo(TestIssuer.get().issuerUri() + "/oauth2/authorize");
            assertThat(document.at("/paths").has("/branches/{branchId}/things")).isTrue();
        }
    }

    private double tokenLookups(String result) {
        return meters.get("cache.gets").tag("cache", VerifiedTokens.METERS).tag("result", result).functionCounter().count();
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> answer) {
        return JSON.readTree(answer.body());
    }
}
