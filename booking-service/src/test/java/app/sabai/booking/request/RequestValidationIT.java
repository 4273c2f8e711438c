package app.sabai.booking.request;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.TestBranches;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestCallers;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static app.sabai.booking.testing.RequestBodies.aHomeVisit;
import static app.sabai.booking.testing.RequestBodies.list;
import static app.sabai.booking.testing.RequestBodies.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every client mistake: 400 problem details naming the field (JSON path) and the reason, and nothing stored. */
@SabaiServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestValidationIT {

    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    BookingApi api;
    final String branchId = TestBranches.freshId("valid");
    final String mobileBranchId = TestBranches.freshId("mobile");

    @BeforeAll
    void branchesInTheCatalogue() {
        api = new BookingApi(port);
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
        TestBranches.catalogue(mongo, TestBranches.aMobileBranch(mobileBranchId));
    }

    Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("an unknown branch", b -> b.with("branchId", "atlantis"), "branchId", "not a known branch"),
                mistake("a technique not in the catalogue", b -> b.with("technique", "MASSAGE"), "technique", "SWEDISH, DEEP_TISSUE"),
                mistake("a technique the branch does not offer", b -> b.with("technique", "TOK_SEN"), "technique", "not offered"),
                mistake("a duration not sold", b -> b.with("durationMinutes", 45), "durationMinutes", "60, 90, 120 minutes"),
                mistake("both start and startLocal", b -> b.with("start", "2030-01-01T10:00:00Z"), "start", "not both"),
                mistake("neither start nor startLocal", b -> b.without("startLocal"), "start", "is required"),
                mistake("a start without offset", b -> b.without("startLocal").with("start", RequestBodies.aWeekAheadAt(LocalTime.NOON).toString()),
                        "start", "has no offset"),
                mistake("a local start in a DST gap", b -> b.with("startLocal", nextLondonTransition(true)), "startLocal", "does not exist"),
                mistake("a local start in a DST overlap", b -> b.with("startLocal", nextLondonTransition(false)), "startLocal", "offset"),
                mistake("a start in the past", b -> b.without("startLocal").with("start", Instant.now().minus(1, ChronoUnit.HOURS).toString()),
                        "start", "must be in the future"),
                mistake("a start beyond 90 days", b -> b.without("startLocal").with("start", Instant.now().plus(91, ChronoUnit.DAYS).toString()),
                        "start", "at most 90 days ahead"),
                mistake("a session past closing time", b -> b.with("startLocal", RequestBodies.aWeekAheadAt(LocalTime.of(20, 30)).toString()),
                        "startLocal", "09:00–21:00"),
                mistake("no customer", b -> b.without("customer"), "customer", "is required"),
                mistake("no customer name", b -> b.with("customer.name", " "), "customer.name", "is required"),
                mistake("an invalid email", b -> b.with("customer.email", "somchai-at-example.com"), "customer.email", "not a valid email"),
                mistake("a phone number that is not international", b -> b.with("customer.phone", "0151 123"), "customer.phone", "+447700900123"),
                mistake("an invalid language", b -> b.with("customer.language", "english!"), "customer.language", "language tag"),
                mistake("an unknown pressure", b -> b.with("preferences.pressure", "HARD"), "preferences.pressure", "LIGHT, MEDIUM, FIRM"),
                mistake("a blank pressure", b -> b.with("preferences.pressure", " "), "preferences.pressure", "must be one of LIGHT, MEDIUM, FIRM"),
                mistake("a blank technique", b -> b.with("technique", ""), "technique", "must be one of SWEDISH, DEEP_TISSUE"),
                mistake("SMS without a phone", b -> b.with("customer.sms", true).without("customer.phone"), "customer.phone", "SMS"),
                mistake("an unknown gender preference", b -> b.with("preferences.therapistGender", "X"), "preferences.therapistGender", "ANY, FEMALE, MALE"),
                mistake("an unknown body area", b -> b.with("bodyAreas", list("LOWER_BACK", "TOES")), "bodyAreas[1]", "NECK_AND_SHOULDERS"),
                mistake("a home visit from a branch", b -> b.with("homeVisit", map("address", "1 Road", "postcode", "L1 8JQ")), "homeVisit",
                        "not a mobile service"),
                mistake("no intake and no customerId", b -> b.without("intake"), "intake", "send the intake, or send customerId"),
                mistake("an unknown condition", b -> b.with("intake.conditions", list("GOUT")), "intake.conditions[0]", "HERNIATED_DISC"),
                mistake("a pregnancy without its week", b -> b.with("intake.pregnant", true), "intake.pregnancyWeek", "is required when pregnant"),
                mistake("an injury without area", b -> b.with("intake.injuries", list(map("acute", true))), "intake.injuries[0].area", "is required"),
                mistake("a surgery in the future", b -> b.with("intake.recentSurgery", map("date", "2099-01-01", "medicalClearance", true)),
                        "intake.recentSurgery.date", "future"),
                mistake("an unknown oil", b -> b.with("intake.allergies", list("PEANUT")), "intake.allergies[0]", "ALMOND"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isRefusedNamingTheFieldAndStoresNothing(String mistake, UnaryOperator<RequestBodies> change, String field, String reason) {
        RequestBodies body = aBooking(branchId);
        String email = body.email();

        HttpResponse<String> response = api.post(change.apply(body));

        assertRefused(response, field, reason);
        assertNothingStoredFor(email);
    }

    @Test
    void aHomeVisitOutsideTheServiceAreaIsRefused() {
        RequestBodies body = aHomeVisit(mobileBranchId).with("homeVisit.postcode", "M1 1AA");

        assertRefused(api.post(body), "homeVisit.postcode", "Merseyside, the Wirral and North Cheshire");
        assertNothingStoredFor(body.email());
    }

    @Test
    void aHomeVisitNeedsItsAddress() {
        RequestBodies body = aHomeVisit(mobileBranchId).without("homeVisit");

        assertRefused(api.post(body), "homeVisit", "is required for a home visit");
        assertNothingStoredFor(body.email());
    }

    @Test
    void aHomeVisitInsideTheAreaIsAccepted() {
        HttpResponse<String> response = api.post(aHomeVisit(mobileBranchId));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(BookingApi.json(response).get("homeVisit").get("postcode").asString()).isEqualTo("CH41 5AL");
    }

    @Test
    void everyFieldAtFaultIsNamedInOneAnswer() {
        RequestBodies body = aBooking(branchId).with("technique", "MASSAGE").with("customer.email", "nope").without("startLocal");

        JsonNode problem = BookingApi.json(api.post(body));

        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("technique", "start", "customer.email");
        assertThat(problem.get("detail").asString()).isEqualTo("3 fields are invalid");
        assertNothingStoredFor(body.email());
    }

    @Test
    void aValueOfTheWrongJsonTypeIsNamed() {
        String json = "{\"branchId\":\"" + branchId + "\",\"technique\":\"THAI\",\"durationMinutes\":\"sixty\"}";

        assertRefused(api.postJson(json, null), "durationMinutes", "");
    }

    @Test
    void brokenJsonIsAClientMistake() {
        HttpResponse<String> response = api.postJson("{\"branchId\":", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(BookingApi.json(response).get("errors").size()).isEqualTo(1);
    }

    @Test
    void aPageOfMyBookingsThatIsNotANumberIsAClientMistake() {
        assertRefused(api.as(TestCallers.customer()).get("/api/me/bookings?page=two"), "page", "whole number");
    }

    private static Arguments mistake(String name, UnaryOperator<RequestBodies> change, String field, String reason) {
        return arguments(name, change, field, reason);
    }

    private static void assertRefused(HttpResponse<String> response, String field, String reason) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = BookingApi.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://sabai.app/problems/invalid-request");
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("message").asString()).contains(reason);
        });
    }

    private void assertNothingStoredFor(String email) {
        assertThat(mongo.count(new Query(Criteria.where("customer.email").is(email)), "bookings")).isZero();
        assertThat(mongo.findById(email.toLowerCase(), Document.class, "customers")).isNull();
    }

    /** The next local time in Europe/London that falls into a DST gap (spring) or overlap (autumn). */
    private static String nextLondonTransition(boolean gap) {
        Instant from = Instant.now();
        while (true) {
            ZoneOffsetTransition transition = TestBranches.LONDON.getRules().nextTransition(from);
            if (transition.isGap() == gap) {
                LocalDateTime inside = transition.getDateTimeBefore().plusMinutes(30);
                return (gap ? inside : transition.getDateTimeAfter().plusMinutes(30)).toString();
            }
            from = transition.getInstant();
        }
    }
}
