package app.sabai.booking.request;

import app.sabai.booking.idempotency.adapter.IdempotencyKeys;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.support.testing.Race;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestCallers;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

@SabaiServiceTest
class IdempotencyIT {

    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    BookingApi api;
    String branchId;

    @BeforeEach
    void aBranchInTheCatalogue() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId("idem");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
    }

    @Test
    void theSameRequestWithTheSameKeyGetsTheSameAnswerAndMakesOneBooking() {
        RequestBodies body = aBooking(branchId);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = api.post(body, key);
        String reformatted = SabaiJson.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body.asMap());
        HttpResponse<String> retry = api.postJson(reformatted, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        String id = BookingApi.json(first).get("id").asString();
        assertThat(bookingsWithKey(key)).isEqualTo(1);
        assertThat(BookingEvents.all(BookingRequested.class, id, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefusedAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        RequestBodies body = aBooking(branchId);
        HttpResponse<String> first = api.post(body, key);

        HttpResponse<String> other = api.post(aBooking(branchId).with("customer.email", body.email()).with("durationMinutes", 90), key);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = BookingApi.json(other);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(problem.get("detail").asString()).contains("different request");
        assertThat(bookingsWithKey(key)).isEqualTo(1);
        assertThat(api.booking(BookingApi.json(first).get("id").asString()).get("durationMinutes").asInt()).isEqualTo(60);
    }

    @Test
    void twentyIdenticalRequestsAtOnceWithOneKeyMakeOneBookingAndAllTwentyGetIt() throws Exception {
        RequestBodies body = aBooking(branchId);
        String key = UUID.randomUUID().toString();

        List<HttpResponse<String>> responses = Race.atOnce(20, () -> api.post(body, key));

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(responses.stream().map(HttpResponse::body).collect(Collectors.toSet())).hasSize(1);
        String id = BookingApi.json(responses.getFirst()).get("id").asString();
        assertThat(bookingsWithKey(key)).isEqualTo(1);
        assertThat(mongo.count(new Query(Criteria.where("branchId").is(branchId)), "bookings")).isEqualTo(1);
        assertThat(customerBookingIds(body.email())).containsExactly(id);
        assertThat(BookingEvents.all(BookingRequested.class, id, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void withoutAKeyEveryRequestIsANewBooking() {
        RequestBodies body = aBooking(branchId);

        String first = BookingApi.json(api.post(body)).get("id").asString();
        String second = BookingApi.json(api.post(body)).get("id").asString();

        assertThat(second).isNotEqualTo(first);
        assertThat(mongo.count(new Query(Criteria.where("branchId").is(branchId)), "bookings")).isEqualTo(2);
        assertThat(mongo.count(new Query(Criteria.where("idempotencyKey").is(first)), "bookings")).as("its own id as its key").isEqualTo(1);
    }

    @Test
    void anUnusableKeyIsAClientMistake() {
        HttpResponse<String> response = api.post(aBooking(branchId), "x".repeat(201));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(BookingApi.json(response).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(mongo.count(new Query(Criteria.where("branchId").is(branchId)), "bookings")).isZero();
    }

    private long bookingsWithKey(String key) {
        return mongo.count(new Query(Criteria.where("idempotencyKey").is(IdempotencyKeys.scoped(TestCallers.admin(), key))), "bookings");
    }

    private Set<String> customerBookingIds(String email) {
        Document customer = mongo.findById(email.toLowerCase(), Document.class, "customers");
        return Set.copyOf(customer.getList("bookingIds", String.class));
    }
}
