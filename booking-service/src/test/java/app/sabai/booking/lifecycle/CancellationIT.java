package app.sabai.booking.lifecycle;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.Technique;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cancelling: by the customer or by staff of the branch, free until 24 hours before, later with the late fee. */
class CancellationIT extends ServiceIntegrationTest {

    @Test
    void aCustomerCancelsFreeAWeekAheadAndEveryoneIsToldAllTheyNeed() {
        String id = confirmed();
        JsonNode before = api.booking(id);

        HttpResponse<String> response = api.cancel(id, "My flight was moved");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode cancelled = BookingApi.json(response);
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        JsonNode cancellation = cancelled.get("cancellation");
        assertThat(cancellation.get("by").asString()).isEqualTo("CUSTOMER");
        assertThat(cancellation.get("reason").asString()).isEqualTo("My flight was moved");
        assertThat(cancellation.get("late").asBoolean()).isFalse();
        assertThat(cancellation.get("fee").isNull()).isTrue();
        assertThat(cancelled.get("fees").size()).isZero();
        assertThat(api.booking(id)).isEqualTo(cancelled);

        BookingCancelled event = BookingEvents.await(BookingCancelled.class, id);
        assertThat(event.branchId()).isEqualTo(branchId);
        assertThat(event.cancelledBy()).isEqualTo("CUSTOMER");
        assertThat(event.reason()).isEqualTo("My flight was moved");
        assertThat(event.late()).isFalse();
        assertThat(event.fee()).isNull();
        assertThat(event.therapistId()).isEqualTo("t-nok");
        assertThat(event.start()).isEqualTo(Instant.parse(before.get("start").asString()));
        assertThat(event.end()).isEqualTo(Instant.parse(before.get("end").asString()));
        assertThat(event.technique()).isEqualTo(Technique.THAI);
        assertThat(event.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(event.customer().email()).isEqualTo(before.get("customer").get("email").asString());
        assertThat(Instant.parse(cancellation.get("at").asString())).isEqualTo(event.occurredAt());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(id).getList("outbox", Document.class)).isEmpty());
    }

    @Test
    void aCancellationWithinTheLast24HoursIsLateAndCostsHalfThePrice() {
        String id = confirmed();
        clock.standAt(startOf(id).minus(Duration.ofHours(23)));

        JsonNode cancelled = BookingApi.json(api.cancel(id, null));

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancellation").get("late").asBoolean()).isTrue();
        assertThat(cancelled.get("cancellation").get("reason").isNull()).isTrue();
        assertThat(money(cancelled.get("cancellation").get("fee"))).isEqualTo(new Money(3000, "GBP"));
        assertThat(cancelled.get("fees").size()).isEqualTo(1);
        assertThat(cancelled.get("fees").get(0).get("reason").asString()).isEqualTo("LATE_CANCELLATION");
        assertThat(money(cancelled.get("fees").get(0).get("amount"))).isEqualTo(new Money(3000, "GBP"));
        BookingCancelled event = BookingEvents.await(BookingCancelled.class, id);
        assertThat(event.late()).isTrue();
        assertThat(event.fee()).isEqualTo(new Money(3000, "GBP"));
    }

    @Test
    void aMinuteBeforeTheFreePeriodEndsItIsStillFree() {
        String id = confirmed();
        clock.standAt(startOf(id).minus(Duration.ofHours(24)).minus(Duration.ofMinutes(1)));

        JsonNode cancelled = BookingApi.json(api.cancel(id, null));

        assertThat(cancelled.get("cancellation").get("late").asBoolean()).isFalse();
        assertThat(BookingEvents.await(BookingCancelled.class, id).fee()).isNull();
    }

    @Test
    void aRequestStillWaitingForATherapistCanBeCancelledAndStopsWaiting() {
        String id = api.requestABooking(branchId);
        assertThat(mongo.findById(id, Document.class, "bookings").get("awaitingDecisionSince")).isNotNull();

        JsonNode cancelled = BookingApi.json(api.cancel(id, "Changed my mind"));

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(mongo.findById(id, Document.class, "bookings").get("awaitingDecisionSince")).as("no longer waiting").isNull();
        assertThat(BookingEvents.await(BookingCancelled.class, id).therapistId()).isNull();

        publish(AssignmentEvents.assigned(id, branchId, "t-nok", "Nok"));
        AssignmentEvents.processedUpToHere(api, branchId);
        assertThat(api.booking(id).get("status").asString()).as("a decision that comes after is skipped").isEqualTo("CANCELLED");
    }

    @Test
    void staffCancelABookingThatNeedsAttentionFreeAndItLeavesTheirList() {
        String id = confirmed();
        publish(AssignmentEvents.reassignmentFailed(id, branchId, "t-nok", "Nok is off sick", List.of(), "absence-1"));
        api.awaitStatus(id, "NEEDS_ATTENTION");
        assertThat(BookingApi.json(api.attention(branchId)).size()).isEqualTo(1);
        clock.standAt(startOf(id).minus(Duration.ofHours(2)));

        HttpResponse<String> byCustomer = api.cancel(id, "I give up");
        assertRefusedInStatus(byCustomer, "NEEDS_ATTENTION");
        HttpResponse<String> byStaff = api.staffCancel(branchId, id, "Nobody can cover; customer told");

        assertThat(byStaff.statusCode()).as(byStaff.body()).isEqualTo(200);
        JsonNode cancelled = BookingApi.json(byStaff);
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancellation").get("by").asString()).isEqualTo("STAFF");
        assertThat(cancelled.get("cancellation").get("late").asBoolean()).isTrue();
        assertThat(cancelled.get("cancellation").get("fee").isNull()).as("the branch could not give it: no fee").isTrue();
        assertThat(cancelled.get("attention").isNull()).isTrue();
        BookingCancelled event = BookingEvents.await(BookingCancelled.class, id);
        assertThat(event.cancelledBy()).isEqualTo("STAFF");
        assertThat(event.fee()).isNull();
        assertThat(event.therapistId()).as("the therapist it lost").isEqualTo("t-nok");
        assertThat(mongo.findById(id, Document.class, "attention")).isNull();
        assertThat(BookingApi.json(api.attention(branchId)).size()).isZero();
    }

    @Test
    void staffOfAnotherBranchDoNotFindTheBookingAndNothingChanges() {
        String id = confirmed();
        String otherBranch = TestBranches.freshId("other");
        TestBranches.catalogue(mongo, TestBranches.aBranch(otherBranch));
        JsonNode before = api.booking(id);

        HttpResponse<String> response = api.staffCancel(otherBranch, id, "wrong branch");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(BookingApi.json(response).get("detail").asString()).isEqualTo("No booking with id '" + id + "'");
        assertThat(api.booking(id)).isEqualTo(before);
        assertThat(api.cancel("no-such-" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aCancellationNeedsNoBodyButAReasonMustBeText() {
        String id = confirmed();

        HttpResponse<String> numberReason = api.postTo("/api/bookings/" + id + "/cancellation", "{\"reason\": 5}", null);
        HttpResponse<String> longReason = api.cancel(id, "x".repeat(501));
        assertThat(numberReason.statusCode()).isEqualTo(400);
        assertThat(numberReason.body()).contains("\"field\":\"reason\"", "must be text");
        assertThat(longReason.statusCode()).isEqualTo(400);
        assertThat(api.booking(id).get("status").asString()).isEqualTo("CONFIRMED");

        HttpResponse<String> noBody = api.postTo("/api/bookings/" + id + "/cancellation", null, null);
        assertThat(noBody.statusCode()).as(noBody.body()).isEqualTo(200);
        assertThat(BookingApi.json(noBody).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aCancelledBookingStaysCancelled() {
        String id = confirmed();
        api.cancel(id, null);
        JsonNode cancelled = api.booking(id);

        assertRefusedInStatus(api.cancel(id, "again"), "CANCELLED");
        assertRefusedInStatus(api.staffCancel(branchId, id, "again"), "CANCELLED");

        assertThat(api.booking(id)).isEqualTo(cancelled);
        assertThat(BookingEvents.all(BookingCancelled.class, id, Duration.ofSeconds(2))).hasSize(1);
    }

    private static Money money(JsonNode node) {
        return new Money(node.get("amountMinor").asLong(), node.get("currency").asString());
    }
}
