package app.sabai.booking.lifecycle;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.SabaiServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class ReassignmentIT {

    static final String NOK_IS_OFF_SICK = "Nok is off sick and nobody else with Thai training is free at 10:00";

    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    BookingApi api;
    String branchId;

    @BeforeEach
    void aBranchInTheCatalogue() {
        api = new BookingApi(port);
        branchId = TestBranches.freshId("reassign");
        TestBranches.catalogue(mongo, TestBranches.aBranch(branchId));
    }

    @Test
    void aReassignmentGivesTheBookingItsNewTherapistOnceHoweverOftenItArrives() {
        String id = confirmedWithNok();
        TherapistReassigned reassigned = AssignmentEvents.reassigned(id, branchId, "t-nok", "Nok", "t-mali", "Mali", "room-3",
                "Staff moved the session to Mali");

        publish(reassigned);
        publish(reassigned);

        JsonNode booking = await().atMost(Duration.ofSeconds(30)).until(() -> api.booking(id),
                b -> "t-mali".equals(b.path("therapist").path("id").asString()));
        assertThat(booking.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(booking.get("therapist").get("name").asString()).isEqualTo("Mali");
        assertThat(booking.get("roomId").asString()).isEqualTo("room-3");
        assertThat(booking.get("attention").isNull()).isTrue();

        BookingTherapistChanged changed = BookingEvents.await(BookingTherapistChanged.class, id);
        assertThat(changed.branchId()).isEqualTo(branchId);
        assertThat(changed.technique()).isEqualTo(Technique.THAI);
        assertThat(changed.durationMinutes()).isEqualTo(60);
        assertThat(changed.start()).isEqualTo(Instant.parse(booking.get("start").asString()));
        assertThat(changed.end()).isEqualTo(Instant.parse(booking.get("end").asString()));
        assertThat(changed.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(changed.previousTherapistId()).isEqualTo("t-nok");
        assertThat(changed.previousTherapistName()).isEqualTo("Nok");
        assertThat(changed.therapistId()).isEqualTo("t-mali");
        assertThat(changed.therapistName()).isEqualTo("Mali");
        assertThat(changed.roomId()).isEqualTo("room-3");
        assertThat(changed.reason()).isEqualTo("Staff moved the session to Mali");
        assertThat(changed.customer().email()).isEqualTo(booking.get("customer").get("email").asString());

        AssignmentEvents.processedUpToHere(api, branchId);
        assertThat(api.booking(id)).isEqualTo(booking);
        assertThat(stored(id).getList("appliedEventIds", String.class)).containsOnlyOnce(reassigned.eventId().toString());
        assertThat(BookingEvents.all(BookingTherapistChanged.class, id, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void aFailedReassignmentNeedsAttentionUntilSomeoneTakesTheSessionOver() {
        String id = confirmedWithNok();
        Instant start = Instant.parse(api.booking(id).get("start").asString());
        List<Alternative> alternatives = List.of(
                new Alternative(start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)), "t-ploy", "Ploy"),
                new Alternative(start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), "t-mali", "Mali"));
        ReassignmentFailed failed = AssignmentEvents.reassignmentFailed(id, branchId, "t-nok", NOK_IS_OFF_SICK, alternatives, "absence-1");

        publish(failed);
        publish(failed);

        JsonNode needsAttention = api.awaitStatus(id, "NEEDS_ATTENTION");
        assertThat(needsAttention.get("therapist").isNull()).as("the booking no longer shows a therapist").isTrue();
        assertThat(needsAttention.get("roomId").asString()).as("the room stays held").isEqualTo("room-1");
        JsonNode attention = needsAttention.get("attention");
        assertThat(attention.get("reason").asString()).isEqualTo(NOK_IS_OFF_SICK);
        assertThat(Instant.parse(attention.get("since").asString())).isEqualTo(failed.occurredAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(attention.get("lostTherapist").get("id").asString()).isEqualTo("t-nok");
        assertThat(attention.get("lostTherapist").get("name").asString()).isEqualTo("Nok");
        assertThat(attention.get("alternatives").size()).isEqualTo(2);
        assertThat(attention.get("alternatives").get(0).get("therapistId").asString()).isEqualTo("t-ploy");
        assertThat(Instant.parse(attention.get("alternatives").get(0).get("start").asString())).isEqualTo(alternatives.get(0).start());
        assertThat(stored(id).get("attention", Document.class)).containsEntry("absenceId", "absence-1");

        BookingNeedsAttention event = BookingEvents.await(BookingNeedsAttention.class, id);
        assertThat(event.branchId()).isEqualTo(branchId);
        assertThat(event.reason()).isEqualTo(NOK_IS_OFF_SICK);
        assertThat(event.alternatives()).isEqualTo(alternatives);
        assertThat(event.customer().email()).isEqualTo(needsAttention.get("customer").get("email").asString());

        JsonNode listed = BookingApi.json(api.attention(branchId));
        assertThat(listed.size()).isEqualTo(1);
        JsonNode item = listed.get(0);
        assertThat(item.get("bookingId").asString()).isEqualTo(id);
        assertThat(item.get("technique").asString()).isEqualTo("THAI");
        assertThat(item.get("durationMinutes").asInt()).isEqualTo(60);
        assertThat(Instant.parse(item.get("start").asString())).isEqualTo(start);
        assertThat(item.get("end").asString()).isEqualTo(needsAttention.get("end").asString());
        assertThat(item.get("zone").asString()).isEqualTo("Europe/London");
        assertThat(LocalDateTime.parse(item.get("startLocal").asString())).isEqualTo(LocalDateTime.ofInstant(start, ZoneId.of("Europe/London")));
        assertThat(item.get("customer")).isEqualTo(needsAttention.get("customer"));
        assertThat(item.get("customer").get("phone").asString()).isEqualTo("+447700900123");
        assertThat(item.get("customer").get("language").asString()).isEqualTo("en");
        assertThat(item.get("reason").asString()).isEqualTo(NOK_IS_OFF_SICK);
        assertThat(item.get("alternatives")).isEqualTo(attention.get("alternatives"));
        assertThat(item.get("since")).isEqualTo(attention.get("since"));
        assertThat(item.get("lostTherapist")).isEqualTo(attention.get("lostTherapist"));

        AssignmentEvents.processedUpToHere(api, branchId);
        assertThat(BookingEvents.all(BookingNeedsAttention.class, id, Duration.ofSeconds(3))).hasSize(1);

        publish(AssignmentEvents.reassigned(id, branchId, "t-nok", "Nok", "t-ploy", "Ploy", null, "Ploy took the session over"));

        JsonNode confirmedAgain = api.awaitStatus(id, "CONFIRMED");
        assertThat(confirmedAgain.get("therapist").get("id").asString()).isEqualTo("t-ploy");
        assertThat(confirmedAgain.get("roomId").asString()).isEqualTo("room-1");
        assertThat(confirmedAgain.get("attention").isNull()).isTrue();
        BookingTherapistChanged changed = BookingEvents.await(BookingTherapistChanged.class, id);
        assertThat(changed.previousTherapistName()).isEqualTo("Nok");
        assertThat(changed.therapistName()).isEqualTo("Ploy");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.findById(id, Document.class, "attention"))
                .as("the entry is removed by the reassignment itself, before any read of the list").isNull());
        assertThat(BookingApi.json(api.attention(branchId)).size()).isZero();
    }

    @Test
    void aReassignmentOrFailureForABookingThatIsNotConfirmedChangesNothing() {
        String id = api.requestABooking(branchId);
        publish(AssignmentEvents.rejected(id, branchId, RejectionReason.NO_THERAPIST_AVAILABLE, "Everyone is booked", List.of()));
        JsonNode rejected = api.awaitStatus(id, "REJECTED");

        publish(AssignmentEvents.reassigned(id, branchId, "t-nok", "Nok", "t-mali", "Mali", "room-3", "late move"));
        publish(AssignmentEvents.reassignmentFailed(id, branchId, "t-nok", "late failure", List.of(), "absence-2"));
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(api.booking(id)).isEqualTo(rejected);
        assertThat(stored(id).getList("appliedEventIds", String.class)).hasSize(1);
        assertThat(mongo.findById(id, Document.class, "attention")).isNull();
        assertThat(BookingEvents.all(BookingTherapistChanged.class, id, Duration.ofSeconds(2))).isEmpty();
        assertThat(BookingEvents.all(BookingNeedsAttention.class, id, Duration.ofSeconds(2))).isEmpty();
    }

    private String confirmedWithNok() {
        String id = api.requestABooking(branchId);
        publish(AssignmentEvents.assigned(id, branchId, "t-nok", "Nok"));
        api.awaitStatus(id, "CONFIRMED");
        return id;
    }

    private Document stored(String id) {
        return mongo.findById(id, Document.class, "bookings");
    }
}
