package app.sabai.identity.token;

import app.sabai.identity.clients.SabaiClients;
import app.sabai.identity.testing.DemoIdentityTest;
import app.sabai.identity.testing.IdentityClient;
import app.sabai.identity.testing.Jwts;
import app.sabai.identity.users.DemoUsers;
import app.sabai.identity.users.Role;
import app.sabai.identity.users.SabaiUser;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static app.sabai.identity.testing.IdentityClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode's {@code POST /auth/token}: a token for scripts and curl, from the same users and the same claims. */
@DemoIdentityTest
class DemoTokenEndpointIT {

    static final List<SabaiUser> USERS = DemoUsers.ALL;

    @LocalServerPort
    int port;

    @ParameterizedTest
    @FieldSource("USERS")
    void eachDemoUserGetsATokenSayingWhoTheyAreAndWhatTheyMayDo(SabaiUser user) throws ParseException {
        IdentityClient script = new IdentityClient(port);

        HttpResponse<String> answer = script.postForm("/auth/token",
                Map.of("username", user.username(), "password", DemoUsers.password(user)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonNode token = json(answer);
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asLong()).isEqualTo(900);
        JWTClaimsSet claims = Jwts.verifyAccessToken(token.get("access_token").asString(), script);
        assertThat(claims.getSubject()).isEqualTo(user.id());
        assertThat(claims.getAudience()).containsExactly(SabaiClients.CLI, "sabai");
        assertThat(claims.getStringListClaim("roles")).containsExactlyElementsOf(user.roles().stream().map(Role::name).toList());
        assertThat(claims.getStringClaim("name")).isEqualTo(user.name());
        if (user.has(Role.STAFF)) {
            assertThat(claims.getStringListClaim("branches")).containsExactlyElementsOf(user.branches());
        } else {
            assertThat(claims.getClaim("branches")).isNull();
        }
        if (user.has(Role.CUSTOMER)) {
            assertThat(claims.getStringClaim("email")).isEqualTo(user.email());
        } else {
            assertThat(claims.getClaim("email")).isNull();
        }
        assertThat(claims.getExpirationTime().toInstant()).isBeforeOrEqualTo(Instant.now().plus(Duration.ofMinutes(15)));
    }

    @Test
    void theDemoUsersAreTheOnesTheReadmeNames() {
        assertThat(DemoUsers.ALL).extracting(SabaiUser::username)
                .containsExactly("customer", "customer2", "staff-liverpool", "staff-bangkok", "ops", "admin");
        assertThat(DemoUsers.CUSTOMER.id()).isEqualTo("c0ffee00-0000-4000-8000-000000000001");
        assertThat(DemoUsers.CUSTOMER2.id()).isEqualTo("c0ffee00-0000-4000-8000-000000000002");
        assertThat(DemoUsers.STAFF_BANGKOK.branches()).containsExactly("bangkok-sukhumvit");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() {
        IdentityClient script = new IdentityClient(port);

        HttpResponse<String> wrongPassword = script.postForm("/auth/token", Map.of("username", "customer", "password", "customer2"));
        HttpResponse<String> unknownUser = script.postForm("/auth/token", Map.of("username", "nobody", "password", "nobody"));

        for (HttpResponse<String> answer : List.of(wrongPassword, unknownUser)) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = json(answer);
            assertThat(problem.get("status").asInt()).isEqualTo(401);
            assertThat(problem.get("detail").asString()).isEqualTo("username or password is wrong");
            assertThat(answer.body()).doesNotContain("access_token");
        }
        assertThat(json(wrongPassword)).isEqualTo(json(unknownUser));
    }

    @Test
    void aPasswordLongerThanAnyHashTakesIsJustWrong() {
        HttpResponse<String> answer = new IdentityClient(port).postForm("/auth/token",
                Map.of("username", "customer", "password", "customer".repeat(40)));

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void aMissingFieldIsNamed() {
        IdentityClient script = new IdentityClient(port);

        HttpResponse<String> noUsername = script.postForm("/auth/token", Map.of("password", "customer"));
        HttpResponse<String> blankPassword = script.postForm("/auth/token", Map.of("username", "customer", "password", ""));

        assertThat(noUsername.statusCode()).isEqualTo(400);
        assertThat(noUsername.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(noUsername).get("errors").get(0).get("field").asString()).isEqualTo("username");
        assertThat(json(noUsername).get("errors").get(0).get("message").asString()).isEqualTo("is required");
        assertThat(json(noUsername).get("errors")).hasSize(1);
        assertThat(blankPassword.statusCode()).isEqualTo(400);
        assertThat(json(blankPassword).get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void aRequestWithoutAFormIsA400NeverA500() {
        IdentityClient script = new IdentityClient(port);

        HttpResponse<String> answer = script.post("/auth/token", "application/json", "{\"username\": \"customer\", \"password\": 1}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).get("errors")).hasSize(2);
    }
}
