package app.sabai.booking.testing;

import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Technique;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a random port against the broker and store shared by the test JVM, as every {@code *IT} uses it:
 * a fresh London branch in the catalogue for each test, the HTTP API, the clock a test may move (put back after
 * each test) and the crash point it may arm.
 */
@SabaiServiceTest
public abstract class ServiceIntegrationTest {

    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected MovableClock clock;
    @Autowired
    protected ArmedCrashPoint crashPoint;
    @LocalServerPort
    protected int port;

    protected BookingApi api;
    protected String branchId;

    @BeforeEach
    void aBranchInTheCatalogue() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId(getClass().getSimpleName().toLowerCase());
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
    }

    @AfterEach
    void timeAndCrashesBackToNormal() {
        clock.reset();
        crashPoint.disarm();
    }

    /** A booking of {@code body} confirmed with Nok ({@code t-nok}) in {@code room-1}; answers its id. */
    protected String confirmed(RequestBodies body) {
        String id = api.requestABooking(body);
        AssignmentEvents.publish(AssignmentEvents.assigned(id, body.asMap().get("branchId").toString(), "t-nok", "Nok"));
        api.awaitStatus(id, "CONFIRMED");
        return id;
    }

    protected String confirmed() {
        return confirmed(RequestBodies.aBooking(branchId));
    }

    /** A waitlist offer: the entry and the booking that holds the slot for it. */
    protected record Offer(String waitlistId, String bookingId, Instant start) {
    }

    /** 10:00 a week ahead in London: where {@link RequestBodies#aWaitlistEntry} waits, and the branch is open. */
    protected static Instant aWeekAheadAt(LocalTime time) {
        return RequestBodies.aWeekAheadAt(time).atZone(TestBranches.LONDON).toInstant();
    }

    /** therapist-service released the 60-minute Thai slot at {@code start} (with Nok); answers the event. */
    protected SlotReleased releaseSlot(Instant start) {
        SlotReleased released = AssignmentEvents.slotReleased(branchId, "t-nok", start, start.plus(Duration.ofHours(1)), Technique.THAI);
        AssignmentEvents.publish(released);
        return released;
    }

    /** The hold this service asked therapist-service for, for the entry (an {@code OFFER_REQUESTED} booking). */
    protected static BookingRequested awaitHoldRequested(String waitlistId) {
        return BookingEvents.awaitWhere(BookingRequested.class, requested -> waitlistId.equals(requested.waitlistId()));
    }

    /** An entry of {@code entry} is offered the slot at {@code start}: held, then assigned to Nok as therapist-service would. */
    protected Offer offered(RequestBodies entry, Instant start) {
        String waitlistId = api.joinWaitlist(entry);
        releaseSlot(start);
        BookingRequested hold = awaitHoldRequested(waitlistId);
        AssignmentEvents.publish(AssignmentEvents.assignedAt(hold.bookingId(), branchId, "t-nok", "Nok", hold.start(), hold.end()));
        api.awaitWaitlistStatus(waitlistId, "OFFERED");
        return new Offer(waitlistId, hold.bookingId(), hold.start());
    }

    protected Instant startOf(String bookingId) {
        return Instant.parse(api.booking(bookingId).get("start").asString());
    }

    protected Document stored(String bookingId) {
        return mongo.findById(bookingId, Document.class, "bookings");
    }

    /** Asserts a 409 refusing the command in the booking's status, naming it and what is possible instead. */
    protected static JsonNode assertRefusedInStatus(HttpResponse<String> response, String status, String... allowed) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = BookingApi.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://sabai.app/problems/transition-not-allowed");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("bookingStatus").asString()).isEqualTo(status);
        assertThat(problem.get("allowed").valueStream().map(JsonNode::asString).toList()).containsExactly(allowed);
        assertThat(problem.get("detail").asString()).contains("is " + status);
        return problem;
    }
}
