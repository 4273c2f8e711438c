package app.sabai.system.flows;

import app.sabai.system.harness.Gateway;
import app.sabai.system.harness.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import static app.sabai.system.harness.BookingRequests.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Identity and access on the whole platform, with the demo users of the local identity provider: a customer's own
 * bookings, staff at their own branch only, operations reading and changing nothing, and nobody without a token.
 */
class AccessSystemTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Duration DECISION = Duration.ofSeconds(60);

    static Gateway gateway;

    @BeforeAll
    static void startPlatform() {
        gateway = new Gateway(Platform.shared().gatewayUrl());
    }

    @Test
    void aDemoUserSignsInWithTheirNameAndGetsATokenSayingWhoTheyAre() {
        Gateway.Response token = gateway.signIn("staff-liverpool", "staff-liverpool");

        assertThat(token.status()).as(token.raw()).isEqualTo(200);
        assertThat(token.body().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.body().get("expires_in").asInt()).isBetween(60, 900);
        JsonNode claims = claimsOf(token.body().get("access_token").asString());
        assertThat(claims.get("roles").toString()).contains("STAFF");
        assertThat(claims.get("branches").toString()).contains("liverpool");

        Gateway.Response wrong = gateway.signIn("staff-liverpool", "guess");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSignedInCustomerBooksForThemselvesAndNobodyElseSeesIt() {
        Gateway dao = gateway.as("customer");
        LocalDate day = LocalDate.now(LONDON).plusDays(12);
        String body = booking().branch("liverpool").technique("SWEDISH", 60).at(day, LocalTime.of(12, 0))
                .customer("Dao Srisuk", "customer@sabai.example").json();

        Gateway.Response accepted = dao.postBooking(body);

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String id = accepted.body().get("id").asString();
        JsonNode decided = await().atMost(DECISION).until(() -> dao.booking(id), booking -> !"REQUESTED".equals(booking.get("status").asString()));
        assertThat(decided.get("customerId").asString()).isEqualTo(claimsOf(dao.signIn("customer", "customer").body()
                .get("access_token").asString()).get("sub").asString());
        assertThat(dao.get("/api/me/bookings").body().get("items").toString()).contains(id);

        Gateway emma = gateway.as("customer2");
        assertThat(emma.get("/api/bookings/" + id).status()).isEqualTo(404);
        assertThat(emma.post("/api/bookings/" + id + "/cancellation", "{\"reason\": \"not mine\"}").status()).isEqualTo(404);
        assertThat(emma.get("/api/me/bookings").body().get("items").toString()).doesNotContain(id);
        assertThat(dao.booking(id).get("status").asString()).isEqualTo(decided.get("status").asString());
    }

    @Test
    void theDemoCustomersHaveBookingsFromTheFirstStart() {
        for (String customer : List.of("customer", "customer2")) {
            await().atMost(DECISION).untilAsserted(() -> assertThat(gateway.as(customer).get("/api/me/bookings").body()
                    .get("totalItems").asInt()).as(customer + "'s bookings").isGreaterThanOrEqualTo(2));
        }
    }

    @Test
    void staffWorkAtTheirOwnBranchOnly() {
        LocalDate day = LocalDate.now(LONDON).plusDays(1);
        String board = "/api/branches/liverpool/board?date=" + day;

        assertThat(gateway.as("staff-liverpool").get(board).status()).isEqualTo(200);
        Gateway.Response elsewhere = gateway.as("staff-bangkok").get(board);
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");
        assertThat(gateway.as("customer").get(board).status()).isEqualTo(403);
    }

    @Test
    void operationsReadEverythingAndChangeNothing() {
        Gateway ops = gateway.as("ops");
        String id = gateway.postBooking(booking().branch("liverpool").technique("SWEDISH", 60)
                .at(LocalDate.now(LONDON).plusDays(13), LocalTime.of(12, 0)).json()).body().get("id").asString();

        assertThat(ops.get("/api/bookings/" + id).status()).isEqualTo(200);
        assertThat(ops.get("/api/branches/bangkok-sukhumvit/attention").status()).isEqualTo(200);
        Gateway.Response change = ops.post("/api/bookings/" + id + "/cancellation", "{}");
        assertThat(change.status()).isEqualTo(403);
        assertThat(ops.postBooking(booking().json()).status()).isEqualTo(403);
    }

    @Test
    void withoutATokenOnlyTheCatalogueAndFreeTimesAreOpen() {
        Gateway anonymous = gateway.as(null);

        assertThat(anonymous.get("/api/branches").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/availability?branchId=liverpool&technique=SWEDISH&durationMinutes=60&date="
                + LocalDate.now(LONDON).plusDays(2)).status()).isEqualTo(200);
        Gateway.Response refused = anonymous.postBooking(booking().json());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.get("/api/me/bookings").status()).isEqualTo(401);
    }

    private static JsonNode claimsOf(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(payload));
    }
}
