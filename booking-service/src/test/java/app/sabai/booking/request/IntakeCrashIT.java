package app.sabai.booking.request;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.bookings.BookingRequested;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static app.sabai.booking.testing.RequestBodies.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that dies between its writes loses neither the booking nor the intake it came with: everything kept
 * beside the booking is written first, each write repeatable, and the booking last; the client, who got no 202,
 * sends the request again and it completes.
 */
class IntakeCrashIT extends ServiceIntegrationTest {

    @ParameterizedTest(name = "a crash after {0}")
    @ValueSource(strings = {"listed-on-file"})
    void aCrashBeforeTheBookingIsStoredLosesNoIntakeAndARetryCompletesTheBooking(String step) {
        RequestBodies body = aBooking(branchId).with("intake.conditions", list("SCIATICA")).with("intake.allergies", list("ALMOND"));
        String key = UUID.randomUUID().toString();
        crashPoint.armAt(step);

        HttpResponse<String> crashed = api.post(body, key);

        assertThat(crashed.statusCode()).as("the request died at " + step).isEqualTo(500);
        assertThat(mongo.count(new Query(Criteria.where("customer.email").is(body.email())), "bookings")).as("no booking yet").isZero();
        Document file = mongo.findById(body.email(), Document.class, "customers");
        assertThat(file).as("the intake is on file").isNotNull();
        assertThat(file.get("intake", Document.class).getList("conditions", String.class)).containsExactly("SCIATICA");
        assertThat(file.get("intake", Document.class).getList("allergies", String.class)).containsExactly("ALMOND");

        HttpResponse<String> retry = api.post(body, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        JsonNode booking = BookingApi.json(retry);
        String id = booking.get("id").asString();
        assertThat(mongo.count(new Query(Criteria.where("customer.email").is(body.email())), "bookings")).isEqualTo(1);
        Document after = mongo.findById(body.email(), Document.class, "customers");
        assertThat(after.getList("bookingIds", String.class)).contains(id);
        assertThat(after.getString("customerId")).isEqualTo(booking.get("customerId").asString());
        assertThat(mongo.findById(id, Document.class, "bookings").getDate("awaitingDecisionSince")).as("waiting for its decision").isNotNull();
        assertThat(BookingEvents.await(BookingRequested.class, id).requirements().seniorTherapist()).isTrue();

        String next = BookingApi.json(api.post(aBooking(branchId).with("customer.email", body.email()).without("intake")
                .with("customerId", booking.get("customerId").asString()))).get("id").asString();
        assertThat(BookingEvents.await(BookingRequested.class, next).requirements().seniorTherapist())
                .as("the intake on file serves the next booking").isTrue();
    }

    @ParameterizedTest(name = "a crash after {0}")
    @ValueSource(strings = {"listed-on-file"})
    void whatACrashLeftBesideANeverStoredBookingIsHarmless(String step) {
        RequestBodies body = aBooking(branchId);
        crashPoint.armAt(step);
        assertThat(api.post(body).statusCode()).isEqualTo(500);
        Document file = mongo.findById(body.email(), Document.class, "customers");
        String orphan = file.getList("bookingIds", String.class).get(0);

        assertThat(api.get("/api/customers/" + file.getString("customerId") + "/bookings").statusCode()).isEqualTo(200);
        assertThat(BookingApi.json(api.get("/api/customers/" + file.getString("customerId") + "/bookings")).get("totalItems").asInt())
                .as("an id that resolves to nothing is not listed").isZero();
        assertThat(api.get("/api/bookings/" + orphan).statusCode()).isEqualTo(404);
        assertThat(BookingEvents.all(BookingRequested.class, orphan, Duration.ofSeconds(2))).isEmpty();
    }
}
