package app.sabai.booking.access;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.TestBranches;
import app.sabai.support.security.Caller;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestCallers;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static app.sabai.booking.testing.RequestBodies.aCourse;
import static app.sabai.booking.testing.RequestBodies.aWaitlistEntry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each caller may do in booking-service: customers only with their own records (anyone else's do not exist for
 * them), staff only at their branches, operations read everything and change nothing, and intake notes only for the
 * customer and their branch's staff.
 */
@SabaiServiceTest
class AccessIT {

    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    BookingApi api;
    String branchId;
    String otherBranchId;
    Caller dao;
    Caller emma;

    @BeforeEach
    void twoBranchesAndTwoCustomers() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId("access");
        otherBranchId = TestBranches.freshId("access-other");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
        TestBranches.catalogue(mongo, TestBranches.aBranch(otherBranchId));
        dao = TestCallers.customer();
        emma = TestCallers.customer();
    }

    /** Dao's booking at the branch, with an old back injury the therapist should know of. */
    private String daosBooking() {
        return api.as(dao).requestABooking(aBooking(branchId).without("customer").with("intake.injuries",
                List.of(Map.of("area", "LOWER_BACK", "acute", false, "description", "an old strain"))));
    }

    @Nested
    class Customers {

        @Test
        void aCustomersBookingIsTheirsAndBookedUnderTheirId() {
            String id = daosBooking();

            JsonNode booking = BookingApi.json(api.as(dao).get("/api/bookings/" + id));

            assertThat(booking.get("customerId").asString()).isEqualTo(dao.subject());
            assertThat(booking.get("customer").get("email").asString()).isEqualTo(dao.email());
            assertThat(booking.get("careNotes").toString()).contains("lower back");
        }

        @Test
        void anotherCustomersBookingDoesNotExistForThem() {
            String id = daosBooking();
            BookingApi asEmma = api.as(emma);

            assertNotFound(asEmma.get("/api/bookings/" + id));
            assertNotFound(asEmma.cancel(id, "not mine"));
            assertNotFound(asEmma.reschedule(id, Map.of("startLocal", RequestBodies.aWeekAheadAt(java.time.LocalTime.of(15, 0)).toString())));
            assertNotFound(asEmma.get("/api/customers/" + dao.subject() + "/bookings"));
            assertNotFound(asEmma.get("/api/bookings/" + id + "-nonexistent"));
            assertThat(BookingApi.json(api.get("/api/bookings/" + id)).get("status").asString()).as("unchanged by Emma").isNotEqualTo("CANCELLED");
        }

        @Test
        void aCustomerBooksOnlyUnderTheEmailTheySignedInWith() {
            HttpResponse<String> refused = api.as(dao).post(aBooking(branchId));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"customer.email\"", "the email you signed in with");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/api/bookings", "/api/courses", "/api/waitlist"})
        void anEmailOnFileForAnotherCustomerCannotBeTakenOverNorItsIntakeChanged(String path) {
            RequestBodies atTheDesk = aBooking(branchId);
            api.as(TestCallers.staff(branchId)).requestABooking(atTheDesk);
            Caller impostor = new Caller(UUID.randomUUID().toString(), dao.roles(), dao.branches(), "Someone", atTheDesk.email());
            Document fileBefore = mongo.findById(atTheDesk.email(), Document.class, "customers");
            assertThat(fileBefore).isNotNull();
            RequestBodies request = switch (path) {
                case "/api/courses" -> aCourse(branchId).with("sessions", 2);
                case "/api/waitlist" -> aWaitlistEntry(branchId);
                default -> aBooking(branchId);
            };

            HttpResponse<String> refused = api.as(impostor).postBody(path, request.with("customer.email", atTheDesk.email())
                    .with("intake.allergies", RequestBodies.list("ALMOND")), null);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("customer.email", "on file for another customer");
            assertThat(mongo.findById(atTheDesk.email(), Document.class, "customers")).as("the file, intake included")
                    .isEqualTo(fileBefore);
        }

        @Test
        void idempotencyKeysAreEachCallersOwn() {
            String key = UUID.randomUUID().toString();

            HttpResponse<String> daos = api.as(dao).post(aBooking(branchId).without("customer"), key);
            HttpResponse<String> emmas = api.as(emma).post(aBooking(branchId).without("customer"), key);

            assertThat(daos.statusCode()).isEqualTo(202);
            assertThat(emmas.statusCode()).as(emmas.body()).isEqualTo(202);
            assertThat(BookingApi.json(emmas).get("id").asString()).isNotEqualTo(BookingApi.json(daos).get("id").asString());
            assertThat(BookingApi.json(emmas).get("customerId").asString()).isEqualTo(emma.subject());
        }

        @Test
        void anotherCustomersWaitlistEntryDoesNotExistForThem() {
            String entry = api.as(dao).joinWaitlist(aWaitlistEntry(branchId).without("customer"));

            assertNotFound(api.as(emma).get("/api/waitlist/" + entry));
            assertNotFound(api.as(emma).leaveWaitlist(entry));
            assertThat(api.as(dao).get("/api/waitlist/" + entry).statusCode()).isEqualTo(200);
        }

        @Test
        void aCustomersWaitlistCoursesAndIntakeOnFileAreListedForThemAlone() {
            String course = api.as(dao).createCourse(aCourse(branchId).without("customer").with("sessions", 2)).get("id").asString();
            String daos = api.as(dao).joinWaitlist(aWaitlistEntry(branchId).without("customer"));
            String emmas = api.as(emma).joinWaitlist(aWaitlistEntry(branchId).without("customer"));
            daosBooking(); // the latest answers on file: an old back strain

            JsonNode waitlist = BookingApi.json(api.as(dao).get("/api/me/waitlist"));
            JsonNode courses = BookingApi.json(api.as(dao).get("/api/me/courses"));
            JsonNode intake = BookingApi.json(api.as(dao).get("/api/me/intake"));

            assertThat(waitlist).extracting(entry -> entry.get("id").asString()).containsExactly(daos).doesNotContain(emmas);
            assertThat(courses).extracting(entry -> entry.get("id").asString()).containsExactly(course);
            assertThat(intake.get("intake").toString()).contains("LOWER_BACK");
            assertThat(intake.get("recordedAt").asString()).isNotBlank();
            assertThat(BookingApi.json(api.as(emma).get("/api/me/courses"))).isEmpty();
            assertThat(BookingApi.json(api.as(emma).get("/api/me/intake")).get("intake").isNull()).isTrue();
            assertThat(api.as(TestCallers.staff(branchId)).get("/api/me/waitlist").statusCode()).isEqualTo(403);
            assertThat(api.as(null).get("/api/me/intake").statusCode()).isEqualTo(401);
        }

        @Test
        void staffRoutesAreNotForCustomers() {
            String id = daosBooking();

            assertThat(api.as(dao).staffCancel(branchId, id, "me").statusCode()).isEqualTo(403);
            assertThat(api.as(dao).attention(branchId).statusCode()).isEqualTo(403);
        }
    }

    @Nested
    class Staff {

        @Test
        void staffReadTheirBranchsBookingsWithTheTherapistsNotes() {
            String id = daosBooking();

            JsonNode booking = BookingApi.json(api.as(TestCallers.staff(branchId)).get("/api/bookings/" + id));

            assertThat(booking.get("careNotes").toString()).contains("lower back");
        }

        @Test
        void staffOfAnotherBranchNeitherSeeNorChangeIt() {
            String id = daosBooking();
            BookingApi elsewhere = api.as(TestCallers.staff(otherBranchId));

            assertNotFound(elsewhere.get("/api/bookings/" + id));
            assertThat(elsewhere.staffCancel(branchId, id, "not ours").statusCode()).isEqualTo(403);
            assertNotFound(elsewhere.staffCancel(otherBranchId, id, "not ours"));
            assertThat(elsewhere.post(aBooking(branchId)).statusCode()).as("booking at another branch").isEqualTo(403);
            assertThat(elsewhere.attention(branchId).statusCode()).isEqualTo(403);
        }

        @Test
        void staffBookForAnyCustomerAtTheirBranch() {
            HttpResponse<String> booked = api.as(TestCallers.staff(branchId)).post(aBooking(branchId));

            assertThat(booked.statusCode()).isEqualTo(202);
        }
    }

    @Nested
    class Operations {

        @Test
        void operationsReadEveryBookingButNotWhatTheIntakeSaid() {
            String id = daosBooking();

            JsonNode booking = BookingApi.json(api.as(TestCallers.ops()).get("/api/bookings/" + id));

            assertThat(booking.get("id").asString()).isEqualTo(id);
            assertThat(booking.has("careNotes")).as(booking.toString()).isFalse();
            assertThat(api.as(TestCallers.ops()).get("/api/customers/" + dao.subject() + "/bookings").statusCode()).isEqualTo(200);
            assertThat(api.as(TestCallers.ops()).attention(branchId).statusCode()).isEqualTo(200);
        }

        @Test
        void anAdministratorOnTheStaffPathsIsNotShownWhatTheIntakeSaid() {
            String id = daosBooking();

            HttpResponse<String> cancelled = api.as(TestCallers.admin()).staffCancel(branchId, id, "closing early");

            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            JsonNode booking = BookingApi.json(cancelled);
            assertThat(booking.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(booking.has("careNotes")).as(booking.toString()).isFalse();
        }

        @Test
        void operationsChangeNothing() {
            String id = daosBooking();
            BookingApi ops = api.as(TestCallers.ops());

            assertThat(ops.post(aBooking(branchId)).statusCode()).isEqualTo(403);
            assertThat(ops.cancel(id, "ops").statusCode()).isEqualTo(403);
            assertThat(ops.staffCancel(branchId, id, "ops").statusCode()).isEqualTo(403);
            assertThat(ops.noShow(branchId, id).statusCode()).isEqualTo(403);
            assertThat(BookingApi.json(api.get("/api/bookings/" + id)).get("status").asString()).isNotEqualTo("CANCELLED");
        }
    }

    @Test
    void withoutATokenNothingIsServed() {
        String id = daosBooking();
        BookingApi anonymous = api.as(null);

        assertThat(anonymous.get("/api/bookings/" + id).statusCode()).isEqualTo(401);
        assertThat(anonymous.post(aBooking(branchId)).statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/me/bookings").statusCode()).isEqualTo(401);
    }

    private static void assertNotFound(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
