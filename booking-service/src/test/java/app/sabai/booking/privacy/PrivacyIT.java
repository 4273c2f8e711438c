package app.sabai.booking.privacy;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingCustomerErased;
import app.sabai.support.security.Caller;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestCallers;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static app.sabai.booking.testing.RequestBodies.aWaitlistEntry;
import static org.assertj.core.api.Assertions.assertThat;

/** A customer takes their data away, and has it erased: what is still to come is cancelled, the rest kept anonymous. */
@SabaiServiceTest
class PrivacyIT {

    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    BookingApi api;
    String branchId;
    Caller dao;
    BookingApi asDao;

    @BeforeEach
    void aCustomerWithABookingAndAWaitlistEntry() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId("privacy");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
        dao = TestCallers.customer();
        asDao = api.as(dao);
    }

    private String daosBooking() {
        return asDao.requestABooking(aBooking(branchId).without("customer").with("customer", Map.of("name", "Dao Srisuk",
                "phone", "+447700900321", "language", "en")).with("intake.injuries",
                List.of(Map.of("area", "LOWER_BACK", "acute", false, "description", "an old strain"))));
    }

    @Test
    void theExportHoldsEverythingKeptAboutTheCustomer() {
        String booking = daosBooking();
        String entry = asDao.joinWaitlist(aWaitlistEntry(branchId).without("customer"));

        HttpResponse<String> answer = asDao.get("/api/me/export");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).contains("attachment"));
        JsonNode export = BookingApi.json(answer);
        assertThat(export.get("customerId").asString()).isEqualTo(dao.subject());
        assertThat(export.get("email").asString()).isEqualTo(dao.email());
        assertThat(export.get("intake").get("injuries").toString()).contains("LOWER_BACK");
        assertThat(export.get("bookings").get(0).get("id").asString()).isEqualTo(booking);
        assertThat(export.get("bookings").get(0).get("careNotes").toString()).contains("lower back");
        assertThat(export.get("waitlist").get(0).get("id").asString()).isEqualTo(entry);
    }

    @Test
    void erasingCancelsWhatIsToComeAndKeepsTheRestWithoutThePerson() {
        String booking = daosBooking();
        String entry = asDao.joinWaitlist(aWaitlistEntry(branchId).without("customer"));
        Caller emma = TestCallers.customer();
        String emmasBooking = api.as(emma).requestABooking(aBooking(branchId).without("customer"));

        HttpResponse<String> answer = asDao.delete("/api/me");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode erased = BookingApi.json(answer);
        assertThat(erased.get("cancelledBookingIds").toString()).contains(booking);
        assertThat(erased.get("bookingsKeptAnonymous").asInt()).isEqualTo(1);
        assertThat(BookingEvents.all(BookingCancelled.class, booking, Duration.ofSeconds(3))).hasSize(1);
        assertThat(BookingEvents.await(BookingCustomerErased.class, booking).customerId()).isEqualTo(dao.subject());
        assertThat(BookingEvents.all(BookingCustomerErased.class, booking, Duration.ofSeconds(3))).hasSize(1);

        Document stored = mongo.findById(booking, Document.class, "bookings");
        assertThat(stored.get("status")).isEqualTo("CANCELLED");
        assertThat(stored.toJson()).doesNotContain(dao.email(), "Dao Srisuk", "+447700900321", "old strain", "lower back");
        assertThat(stored.getString("customerId")).as("the history keeps its opaque id").isEqualTo(dao.subject());
        Document waiting = mongo.findById(entry, Document.class, "waitlist");
        assertThat(waiting.get("status")).isEqualTo("CANCELLED");
        assertThat(waiting.toJson()).doesNotContain(dao.email());
        assertThat(mongo.findById(dao.email(), Document.class, "customers")).as("the customer's file").isNull();
        assertThat(BookingApi.json(asDao.get("/api/me/bookings")).get("totalItems").asInt()).isZero();
        assertThat(BookingApi.json(asDao.get("/api/me/export")).get("bookings").isEmpty()).isTrue();

        assertThat(BookingApi.json(api.as(emma).get("/api/bookings/" + emmasBooking)).get("customer").get("email").asString())
                .as("another customer's data").isEqualTo(emma.email());
    }

    @Test
    void erasingAgainChangesNothingMore() {
        String booking = daosBooking();
        asDao.delete("/api/me");

        HttpResponse<String> again = asDao.delete("/api/me");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(BookingApi.json(again).get("cancelledBookingIds").isEmpty()).isTrue();
        assertThat(BookingEvents.all(BookingCustomerErased.class, booking, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void onlyACustomerErasesOrExportsAndOnlyThemselves() {
        assertThat(api.as(TestCallers.staff(branchId)).delete("/api/me").statusCode()).isEqualTo(403);
        assertThat(api.as(TestCallers.admin()).get("/api/me/export").statusCode()).isEqualTo(403);
        assertThat(api.as(null).delete("/api/me").statusCode()).isEqualTo(401);
    }
}
