package app.sabai.booking.lifecycle;

import app.sabai.booking.lifecycle.adapter.AttentionList;
import app.sabai.booking.lifecycle.adapter.Bookings;
import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.TestBranches;
import app.sabai.support.testing.SabaiServiceTest;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static app.sabai.booking.testing.RequestBodies.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/branches/{branchId}/attention}, and how entries a crash left behind are dropped. */
@SabaiServiceTest
class AttentionListIT {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Bookings bookings;
    @Autowired
    AttentionList attentionList;
    @LocalServerPort
    int port;

    BookingApi api;
    String branchId;

    @BeforeEach
    void aBranchInTheCatalogue() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId("attention");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
    }

    @Test
    void theListShowsTheBranchsBookingsThatNeedAttentionSoonestFirst() {
        String later = needingAttention(branchId, LocalTime.of(16, 0));
        String sooner = needingAttention(branchId, LocalTime.of(9, 30));
        String stillConfirmed = confirmed(api.requestABooking(branchId));
        String otherBranch = TestBranches.freshId("attention-other");
        TestBranches.catalogue(mongo, TestBranches.aBranch(otherBranch));
        needingAttention(otherBranch, LocalTime.of(12, 0));

        HttpResponse<String> response = api.attention(branchId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = BookingApi.json(response);
        assertThat(list.valueStream().map(item -> item.get("bookingId").asString()).toList())
                .containsExactly(sooner, later)
                .doesNotContain(stillConfirmed);
        assertThat(list.get(0).get("startLocal").asString()).endsWith("T09:30:00");
        assertThat(list.get(1).get("startLocal").asString()).endsWith("T16:00:00");
    }

    @Test
    void aBranchWithNothingToDoHasAnEmptyList() {
        HttpResponse<String> response = api.attention(branchId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BookingApi.json(response).isArray()).isTrue();
        assertThat(BookingApi.json(response).size()).isZero();
    }

    @Test
    void anUnknownBranchIsNotFound() {
        String unknown = TestBranches.freshId("nowhere");

        HttpResponse<String> response = api.attention(unknown);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = BookingApi.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asString()).isEqualTo("Not found");
        assertThat(problem.get("detail").asString()).contains("branch", unknown);
    }

    @Test
    void anEntryLeftBehindWhenTheBookingMovedOnIsDroppedAndRemoved() {
        String id = needingAttention(branchId, LocalTime.of(11, 0));
        Document entryAsListed = mongo.findById(id, Document.class, "attention");
        assertThat(entryAsListed).isNotNull();
        publish(AssignmentEvents.reassigned(id, branchId, "t-nok", "Nok", "t-mali", "Mali", null, "Mali took it over"));
        api.awaitStatus(id, "CONFIRMED");
        // As if the process died after the booking's write and before the entry's removal.
        mongo.save(entryAsListed, "attention");

        assertThat(BookingApi.json(api.attention(branchId)).size()).isZero();
        assertThat(mongo.findById(id, Document.class, "attention")).isNull();
    }

    @Test
    void anEntryWhoseBookingNeverCameToNeedAttentionIsHiddenThenRemoved() {
        String longAgo = confirmed(api.requestABooking(branchId));
        String justNow = confirmed(api.requestABooking(branchId));
        // As if the process died after listing the case and before the booking's write (long ago), or is
        // between the two writes right now.
        listWithoutTheBookingsWrite(longAgo, Instant.now().minus(AttentionCase.WRITE_IN_FLIGHT).minus(Duration.ofMinutes(1)));
        listWithoutTheBookingsWrite(justNow, Instant.now());

        assertThat(BookingApi.json(api.attention(branchId)).size()).isZero();
        assertThat(mongo.findById(longAgo, Document.class, "attention")).isNull();
        assertThat(mongo.findById(justNow, Document.class, "attention"))
                .as("kept while the booking's write may still land").isNotNull();
        assertThat(api.booking(justNow).get("status").asString()).isEqualTo("CONFIRMED");
    }

    private String needingAttention(String branch, LocalTime startLocal) {
        String id = api.requestABooking(aBooking(branch).with("startLocal", RequestBodies.aWeekAheadAt(startLocal).toString()));
        publish(AssignmentEvents.assigned(id, branch, "t-nok", "Nok"));
        api.awaitStatus(id, "CONFIRMED");
        publish(AssignmentEvents.reassignmentFailed(id, branch, "t-nok", "Nok is off sick", List.of(), "absence-" + UUID.randomUUID()));
        api.awaitStatus(id, "NEEDS_ATTENTION");
        return id;
    }

    private String confirmed(String id) {
        publish(AssignmentEvents.assigned(id, branchId, "t-nok", "Nok"));
        api.awaitStatus(id, "CONFIRMED");
        return id;
    }

    private void listWithoutTheBookingsWrite(String bookingId, Instant recordedAt) {
        Booking booking = bookings.find(bookingId).orElseThrow();
        Attention attention = new Attention("Nok is off sick", List.of(), recordedAt, booking.therapist(), "absence-x",
                UUID.randomUUID().toString(), AttentionCause.THERAPIST_LOST);
        attentionList.open(AttentionCase.of(booking, attention, recordedAt.truncatedTo(ChronoUnit.MILLIS)));
    }
}
