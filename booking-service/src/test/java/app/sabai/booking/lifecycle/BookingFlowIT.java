package app.sabai.booking.lifecycle;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.Topic;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.BodyArea;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.support.security.Caller;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestCallers;
import app.sabai.support.testing.TestRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class BookingFlowIT {

    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    BookingApi api;
    String branchId;

    @BeforeEach
    void aBranchInTheCatalogue() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId("flow");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
    }

    @Test
    void aRequestIsAcceptedAndAnnouncedForAssignment() {
        RequestBodies body = aBooking(branchId);

        HttpResponse<String> response = api.post(body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode booking = BookingApi.json(response);
        String id = booking.get("id").asString();
        assertThat(response.headers().firstValue("Location")).contains("/api/bookings/" + id);
        assertThat(booking.get("status").asString()).isEqualTo("REQUESTED");
        assertThat(booking.get("startLocal").asString()).startsWith(RequestBodies.aWeekAheadAt(LocalTime.of(10, 0)).toString());
        assertThat(booking.get("zone").asString()).isEqualTo("Europe/London");
        assertThat(booking.get("therapist").isNull()).isTrue();
        assertThat(booking.get("rejection").isNull()).isTrue();
        assertThat(api.booking(id)).isEqualTo(booking);

        ConsumerRecord<String, byte[]> record = BookingEvents.awaitRecord(BookingRequested.class, id);
        assertThat(record.key()).isEqualTo(branchId);
        assertThat(TestRecords.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TestRecords.header(record, "ce_type")).isEqualTo("sabai.bookings.BookingRequested.v1");
        assertThat(TestRecords.header(record, "ce_source")).isEqualTo("/sabai/booking-service");
        assertThat(TestRecords.header(record, "ce_id")).isNotBlank();
        assertThat(TestRecords.header(record, "ce_time")).isNotBlank();
        assertThat(TestRecords.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TestRecords.header(record, "__TypeId__")).isNull();

        BookingRequested requested = BookingEvents.await(BookingRequested.class, id);
        assertThat(requested.technique()).isEqualTo(Technique.THAI);
        assertThat(requested.start()).isEqualTo(Instant.parse(booking.get("start").asString()));
        assertThat(requested.end()).isEqualTo(requested.start().plus(Duration.ofMinutes(60)));
        assertThat(requested.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(requested.customer().email()).isEqualTo(body.email());
        assertThat(requested.bodyAreas()).containsExactly(BodyArea.LOWER_BACK);
        assertThat(requested.requirements()).isNotNull();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(stored(id).getList("outbox", Document.class)).isEmpty());
    }

    @Test
    void aBookingsEventsGoOnWithTheTraceOfWhatCausedThem() {
        TraceParent gateway = TraceParent.newRoot();
        String id = api.traced(gateway.toString()).requestABooking(branchId);

        assertThat(traceIdOf(BookingEvents.awaitRecord(BookingRequested.class, id))).isEqualTo(gateway.traceId());

        TraceParent therapistService = TraceParent.newRoot();
        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), AssignmentEvents.assigned(id, branchId, "t-nok", "Nok"), therapistService);

        assertThat(traceIdOf(BookingEvents.awaitRecord(BookingConfirmed.class, id))).isEqualTo(therapistService.traceId());
    }

    @Test
    void anAssignmentConfirmsTheBookingOnceHoweverOftenItArrives() {
        String id = api.requestABooking(branchId);
        TherapistAssigned assigned = AssignmentEvents.assigned(id, branchId, "t-nok", "Nok");

        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), assigned);

        JsonNode confirmed = api.awaitStatus(id, "CONFIRMED");
        assertThat(confirmed.get("therapist").get("id").asString()).isEqualTo("t-nok");
        assertThat(confirmed.get("therapist").get("name").asString()).isEqualTo("Nok");
        assertThat(confirmed.get("roomId").asString()).isEqualTo("room-1");
        BookingConfirmed event = BookingEvents.await(BookingConfirmed.class, id);
        assertThat(event.therapistId()).isEqualTo("t-nok");
        assertThat(event.technique()).isEqualTo(Technique.THAI);

        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), assigned);
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(api.booking(id)).isEqualTo(confirmed);
        assertThat(stored(id).getList("appliedEventIds", String.class)).containsOnlyOnce(assigned.eventId().toString());
        assertThat(BookingEvents.all(BookingConfirmed.class, id, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void aRejectedAssignmentRejectsTheBookingWithTheNearestAlternatives() {
        String id = api.requestABooking(branchId);
        JsonNode requested = api.booking(id);
        Instant start = Instant.parse(requested.get("start").asString());
        List<Alternative> alternatives = List.of(
                new Alternative(start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)), "t-mali", "Mali"),
                new Alternative(start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), "t-nok", "Nok"));

        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), new AssignmentRejected(UUID.randomUUID(), Instant.now(), id, branchId,
                RejectionReason.NO_THERAPIST_AVAILABLE, "Every Thai-trained therapist is booked at that time", alternatives, null));

        JsonNode rejected = api.awaitStatus(id, "REJECTED");
        assertThat(rejected.get("rejection").get("reason").asString()).isEqualTo("NO_THERAPIST_AVAILABLE");
        assertThat(rejected.get("rejection").get("detail").asString()).contains("booked at that time");
        JsonNode first = rejected.get("rejection").get("alternatives").get(0);
        assertThat(rejected.get("rejection").get("alternatives").size()).isEqualTo(2);
        assertThat(Instant.parse(first.get("start").asString())).isEqualTo(alternatives.get(0).start());
        assertThat(Instant.parse(first.get("end").asString())).isEqualTo(alternatives.get(0).end());
        assertThat(first.get("therapistId").asString()).isEqualTo("t-mali");
        assertThat(first.get("therapistName").asString()).isEqualTo("Mali");

        BookingRejected event = BookingEvents.await(BookingRejected.class, id);
        assertThat(event.reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE);
        assertThat(event.alternatives()).isEqualTo(alternatives);
    }

    @Test
    void decisionsForBookingsNoLongerRequestedOrUnknownAreSkipped() {
        String id = api.requestABooking(branchId);
        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), AssignmentEvents.assigned(id, branchId, "t-nok", "Nok"));
        api.awaitStatus(id, "CONFIRMED");

        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), new AssignmentRejected(UUID.randomUUID(), Instant.now(), id, branchId,
                RejectionReason.NO_ROOM_AVAILABLE, "late decision", List.of(), null));
        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), AssignmentEvents.assigned("no-such-booking-" + UUID.randomUUID(), branchId, "t-nok", "Nok"));
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(api.booking(id).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(BookingEvents.all(BookingRejected.class, id, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void anUnknownBookingIsNotFound() {
        HttpResponse<String> response = api.get("/api/bookings/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aSignedInCustomerSeesTheirOwnBookingsSoonestFirst() {
        Caller customer = TestCallers.customer();
        BookingApi mine = api.as(customer);
        RequestBodies later = aBooking(branchId).with("startLocal", RequestBodies.aWeekAheadAt(LocalTime.of(15, 0)).toString())
                .without("customer");
        String laterId = mine.requestABooking(later);
        String soonerId = mine.requestABooking(aBooking(branchId).without("customer").without("intake"));
        api.post(aBooking(branchId));

        JsonNode page = BookingApi.json(mine.get("/api/me/bookings"));

        assertThat(page.get("customerId").asString()).isEqualTo(customer.subject());
        assertThat(page.get("totalItems").asInt()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(soonerId);
        assertThat(page.get("items").get(1).get("id").asString()).isEqualTo(laterId);
        assertThat(page.get("items").get(0).get("customer").get("email").asString()).isEqualTo(customer.email());
    }

    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        return TraceParent.parse(TestRecords.header(record, CloudEventHeaders.TRACEPARENT)).orElseThrow().traceId();
    }

    private Document stored(String id) {
        return mongo.findById(id, Document.class, "bookings");
    }
}
