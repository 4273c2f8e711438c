package app.sabai.booking.lifecycle;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingNeedsAttention;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.values.RejectionReason;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing waits forever: a request still waiting for therapist-service's decision after the decision timeout (2
 * minutes) goes to its branch's staff, and the decision, when it comes after all, still wins. Only the waiting bookings
 * are looked over, through the sparse index on {@code awaitingDecisionSince}.
 */
class DecisionTimeoutIT extends ServiceIntegrationTest {

    @Test
    void aRequestWithoutADecisionInTimeNeedsAttentionAndALateAssignmentStillConfirmsIt() {
        String id = api.requestABooking(branchId);
        assertThat(awaitingSince(id)).as("waiting for its decision").isNotNull();

        clock.advance(Duration.ofMinutes(1));
        assertThat(BookingEvents.all(BookingNeedsAttention.class, id, Duration.ofSeconds(2))).as("not yet overdue").isEmpty();
        clock.advance(Duration.ofMinutes(2));

        JsonNode stuck = api.awaitStatus(id, "NEEDS_ATTENTION");
        assertThat(stuck.get("attention").get("reason").asString()).contains("No therapist has been confirmed", "within 2 minutes");
        assertThat(stuck.get("attention").get("lostTherapist").isNull()).isTrue();
        BookingNeedsAttention event = BookingEvents.await(BookingNeedsAttention.class, id);
        assertThat(event.reason()).isEqualTo(stuck.get("attention").get("reason").asString());
        assertThat(event.branchId()).isEqualTo(branchId);
        assertThat(event.customer().email()).isEqualTo(stuck.get("customer").get("email").asString());
        JsonNode listed = BookingApi.json(api.attention(branchId));
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("bookingId").asString()).isEqualTo(id);
        assertThat(listed.get(0).get("reason").asString()).contains("No therapist has been confirmed");
        assertThat(awaitingSince(id)).as("with staff, no longer waiting").isNull();

        publish(AssignmentEvents.assigned(id, branchId, "t-nok", "Nok"));

        JsonNode confirmed = api.awaitStatus(id, "CONFIRMED");
        assertThat(confirmed.get("therapist").get("id").asString()).isEqualTo("t-nok");
        assertThat(confirmed.get("attention").isNull()).isTrue();
        assertThat(BookingEvents.await(BookingConfirmed.class, id).therapistId()).isEqualTo("t-nok");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.findById(id, Document.class, "attention")).isNull());
        assertThat(BookingApi.json(api.attention(branchId)).size()).isZero();
        assertThat(BookingEvents.all(BookingNeedsAttention.class, id, Duration.ofSeconds(2))).as("raised once").hasSize(1);
    }

    @Test
    void aLateRejectionStillRejectsIt() {
        String id = api.requestABooking(branchId);
        clock.advance(Duration.ofMinutes(3));
        api.awaitStatus(id, "NEEDS_ATTENTION");

        publish(AssignmentEvents.rejected(id, branchId, RejectionReason.NO_THERAPIST_AVAILABLE, "Everyone is booked", List.of()));

        JsonNode rejected = api.awaitStatus(id, "REJECTED");
        assertThat(rejected.get("rejection").get("reason").asString()).isEqualTo("NO_THERAPIST_AVAILABLE");
        assertThat(rejected.get("attention").isNull()).isTrue();
        assertThat(BookingEvents.await(BookingRejected.class, id).reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.findById(id, Document.class, "attention")).isNull());
    }

    @Test
    void aDecisionInTimeEndsTheWaitAndTheBookingIsNeverSentToStaff() {
        String id = api.requestABooking(branchId);
        publish(AssignmentEvents.assigned(id, branchId, "t-nok", "Nok"));
        JsonNode confirmed = api.awaitStatus(id, "CONFIRMED");
        assertThat(awaitingSince(id)).as("the decision's own write ends the wait").isNull();

        clock.advance(Duration.ofMinutes(10));
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(api.booking(id)).isEqualTo(confirmed);
        assertThat(BookingEvents.all(BookingNeedsAttention.class, id, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aRequestDeclinedByTheScreeningNeverWaits() {
        String id = api.requestABooking(app.sabai.booking.testing.RequestBodies.aBooking(branchId)
                .with("intake.conditions", app.sabai.booking.testing.RequestBodies.list("LIMB_NUMBNESS")));

        assertThat(api.booking(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(awaitingSince(id)).isNull();
    }

    private Date awaitingSince(String bookingId) {
        return mongo.findById(bookingId, Document.class, "bookings").getDate("awaitingDecisionSince");
    }
}
