package app.sabai.booking.lifecycle;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingRescheduleRequested;
import app.sabai.contracts.bookings.BookingRescheduled;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.TestRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static app.sabai.booking.testing.RequestBodies.aBooking;
import static app.sabai.booking.testing.RequestBodies.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moving a booking: asked for by the customer or staff, answered by therapist-service with {@code SessionRescheduled}
 * (the booking moves) or {@code RescheduleRefused} (it stays exactly as it was), published here as therapist-service would.
 */
class RescheduleIT extends ServiceIntegrationTest {

    static final Duration AN_HOUR = Duration.ofHours(1);

    @Test
    void aMoveIsAskedForThenMadeWithTheTherapistAndRoomTherapistServiceHeld() {
        String id = confirmed();
        Instant start = startOf(id);
        LocalDateTime newLocal = RequestBodies.aWeekAheadAt(LocalTime.of(15, 0)).plusDays(1);

        HttpResponse<String> response = api.reschedule(id, map("startLocal", newLocal.toString()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode pending = BookingApi.json(response);
        Instant newStart = newLocal.atZone(TestBranches.LONDON).toInstant();
        assertThat(pending.get("status").asString()).isEqualTo("RESCHEDULE_REQUESTED");
        assertThat(Instant.parse(pending.get("start").asString())).as("the session is kept until the new one is held").isEqualTo(start);
        assertThat(pending.get("therapist").get("id").asString()).isEqualTo("t-nok");
        JsonNode reschedule = pending.get("reschedule");
        assertThat(Instant.parse(reschedule.get("requestedStart").asString())).isEqualTo(newStart);
        assertThat(reschedule.get("requestedStartLocal").asString()).startsWith(newLocal.toString());
        assertThat(reschedule.get("requestedAt").asString()).isNotBlank();
        assertThat(reschedule.get("requestedBy").asString()).isEqualTo("CUSTOMER");
        assertThat(reschedule.get("late").asBoolean()).isFalse();
        assertThat(api.booking(id)).isEqualTo(pending);

        BookingRescheduleRequested asked = BookingEvents.await(BookingRescheduleRequested.class, id);
        assertThat(asked.branchId()).isEqualTo(branchId);
        assertThat(asked.currentStart()).isEqualTo(start);
        assertThat(asked.newStart()).isEqualTo(newStart);
        assertThat(asked.newEnd()).isEqualTo(newStart.plus(AN_HOUR));
        assertThat(asked.therapistId()).as("the current therapist when none is named").isEqualTo("t-nok");
        assertThat(asked.requestedBy()).isEqualTo("CUSTOMER");
        assertThat(asked.late()).isFalse();
        assertThat(asked.fee()).isNull();
        assertThat(asked.technique()).isEqualTo(Technique.THAI);
        assertThat(asked.durationMinutes()).isEqualTo(60);
        assertThat(asked.zone()).isEqualTo(TestBranches.LONDON);

        publish(AssignmentEvents.sessionRescheduled(id, branchId, "t-mali", "Mali", "room-7", start, newStart, AN_HOUR));

        JsonNode moved = api.awaitStatus(id, "CONFIRMED");
        assertThat(Instant.parse(moved.get("start").asString())).isEqualTo(newStart);
        assertThat(Instant.parse(moved.get("end").asString())).isEqualTo(newStart.plus(AN_HOUR));
        assertThat(moved.get("startLocal").asString()).startsWith(newLocal.toString());
        assertThat(moved.get("therapist").get("id").asString()).isEqualTo("t-mali");
        assertThat(moved.get("roomId").asString()).isEqualTo("room-7");
        assertThat(moved.get("reschedule").isNull()).isTrue();
        assertThat(moved.get("fees").size()).isZero();
        BookingRescheduled rescheduled = BookingEvents.await(BookingRescheduled.class, id);
        assertThat(rescheduled.previousStart()).isEqualTo(start);
        assertThat(rescheduled.start()).isEqualTo(newStart);
        assertThat(rescheduled.end()).isEqualTo(newStart.plus(AN_HOUR));
        assertThat(rescheduled.therapistId()).isEqualTo("t-mali");
        assertThat(rescheduled.therapistName()).isEqualTo("Mali");
        assertThat(rescheduled.roomId()).isEqualTo("room-7");
        assertThat(rescheduled.technique()).isEqualTo(Technique.THAI);
        assertThat(rescheduled.durationMinutes()).isEqualTo(60);
        assertThat(rescheduled.customer().email()).isEqualTo(moved.get("customer").get("email").asString());
        assertThat(rescheduled.late()).isFalse();
        assertThat(rescheduled.fee()).isNull();
    }

    @Test
    void aLateMoveAsksForTheTherapistNamedAndCostsTheLateFeeOnceMade() {
        String id = confirmed();
        Instant start = startOf(id);
        clock.standAt(start.minus(Duration.ofHours(5)));
        Instant newStart = start.plus(Duration.ofHours(3));

        JsonNode pending = BookingApi.json(api.reschedule(id, map("start", newStart.toString(), "therapistId", "t-ploy")));

        assertThat(pending.get("reschedule").get("late").asBoolean()).isTrue();
        assertThat(pending.get("reschedule").get("therapistId").asString()).isEqualTo("t-ploy");
        assertThat(pending.get("fees").size()).as("charged once the move is made").isZero();
        BookingRescheduleRequested asked = BookingEvents.await(BookingRescheduleRequested.class, id);
        assertThat(asked.therapistId()).isEqualTo("t-ploy");
        assertThat(asked.late()).isTrue();
        assertThat(asked.fee()).isEqualTo(new Money(3000, "GBP"));

        publish(AssignmentEvents.sessionRescheduled(id, branchId, "t-ploy", "Ploy", "room-2", start, newStart, AN_HOUR));

        JsonNode moved = api.awaitStatus(id, "CONFIRMED");
        assertThat(moved.get("fees").size()).isEqualTo(1);
        assertThat(moved.get("fees").get(0).get("reason").asString()).isEqualTo("LATE_RESCHEDULE");
        assertThat(moved.get("fees").get(0).get("amount").get("amountMinor").asLong()).isEqualTo(3000);
        BookingRescheduled rescheduled = BookingEvents.await(BookingRescheduled.class, id);
        assertThat(rescheduled.late()).isTrue();
        assertThat(rescheduled.fee()).isEqualTo(new Money(3000, "GBP"));
    }

    @Test
    void aRefusedMoveLeavesTheBookingExactlyAsItWasAndSaysWhy() {
        String id = confirmed();
        Instant start = startOf(id);
        TestRecords.publish(Topic.NOTIFICATIONS.topicName(), new ReminderScheduled(UUID.randomUUID(), Instant.now(), id, branchId, "r-1", "PT24H",
                Channel.EMAIL, start.minus(Duration.ofHours(24))));
        JsonNode before = await().atMost(Duration.ofSeconds(30)).until(() -> api.booking(id), b -> b.get("reminders").size() == 1);
        Instant newStart = start.plus(Duration.ofDays(2));

        api.reschedule(id, map("start", newStart.toString()));
        api.awaitStatus(id, "RESCHEDULE_REQUESTED");
        List<Alternative> alternatives = List.of(new Alternative(newStart.plus(AN_HOUR), newStart.plus(Duration.ofHours(2)), "t-mali", "Mali"));
        publish(AssignmentEvents.rescheduleRefused(id, branchId, newStart, RejectionReason.NO_THERAPIST_AVAILABLE,
                "Nok and everyone else with Thai training is booked then", alternatives));

        JsonNode after = await().atMost(Duration.ofSeconds(30)).until(() -> api.booking(id), b -> !b.get("lastRescheduleRefusal").isNull());
        JsonNode refusal = after.get("lastRescheduleRefusal");
        assertThat(Instant.parse(refusal.get("requestedStart").asString())).isEqualTo(newStart);
        assertThat(refusal.get("reason").asString()).isEqualTo("NO_THERAPIST_AVAILABLE");
        assertThat(refusal.get("detail").asString()).contains("booked then");
        assertThat(refusal.get("alternatives").size()).isEqualTo(1);
        assertThat(refusal.get("alternatives").get(0).get("therapistId").asString()).isEqualTo("t-mali");
        assertThat(withoutTheAnswer(after)).as("status, time, therapist, room, reminders: all as before")
                .isEqualTo(withoutTheAnswer(before));
        assertThat(after.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(after.get("therapist").get("id").asString()).isEqualTo("t-nok");
        assertThat(after.get("reminders").get(0).get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(BookingEvents.all(BookingRescheduled.class, id, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void staffMoveABookingThatNeedsAttentionAndARefusalPutsItBackOnTheirList() {
        String id = confirmed();
        publish(AssignmentEvents.reassignmentFailed(id, branchId, "t-nok", "Nok is off sick", List.of(), "absence-7"));
        JsonNode needing = api.awaitStatus(id, "NEEDS_ATTENTION");
        Instant newStart = startOf(id).plus(Duration.ofDays(1));

        assertRefusedInStatus(api.reschedule(id, map("start", newStart.toString())), "NEEDS_ATTENTION");
        HttpResponse<String> byStaff = api.staffReschedule(branchId, id, map("start", newStart.toString()));

        assertThat(byStaff.statusCode()).as(byStaff.body()).isEqualTo(202);
        assertThat(BookingApi.json(byStaff).get("reschedule").get("requestedBy").asString()).isEqualTo("STAFF");
        BookingRescheduleRequested asked = BookingEvents.await(BookingRescheduleRequested.class, id);
        assertThat(asked.requestedBy()).isEqualTo("STAFF");
        assertThat(asked.therapistId()).as("the therapist the booking lost").isEqualTo("t-nok");
        assertThat(BookingApi.json(api.attention(branchId)).size()).as("not on the list while the move is pending").isZero();

        publish(AssignmentEvents.rescheduleRefused(id, branchId, newStart, RejectionReason.NO_THERAPIST_AVAILABLE, "Nobody then", List.of()));

        JsonNode back = await().atMost(Duration.ofSeconds(30)).until(() -> api.booking(id), b -> !b.get("lastRescheduleRefusal").isNull());
        assertThat(back.get("status").asString()).isEqualTo("NEEDS_ATTENTION");
        assertThat(back.get("attention")).isEqualTo(needing.get("attention"));
        assertThat(withoutTheAnswer(back)).isEqualTo(withoutTheAnswer(needing));
        JsonNode listed = BookingApi.json(api.attention(branchId));
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("bookingId").asString()).isEqualTo(id);
    }

    @Test
    void aMoveThatIsMadeEndsTheNeedForAttention() {
        String id = confirmed();
        publish(AssignmentEvents.reassignmentFailed(id, branchId, "t-nok", "Nok is off sick", List.of(), "absence-8"));
        api.awaitStatus(id, "NEEDS_ATTENTION");
        Instant start = startOf(id);
        Instant newStart = start.plus(Duration.ofDays(1));
        api.staffReschedule(branchId, id, map("start", newStart.toString()));
        api.awaitStatus(id, "RESCHEDULE_REQUESTED");

        publish(AssignmentEvents.sessionRescheduled(id, branchId, "t-mali", "Mali", "room-3", start, newStart, AN_HOUR));

        JsonNode moved = api.awaitStatus(id, "CONFIRMED");
        assertThat(moved.get("attention").isNull()).isTrue();
        assertThat(moved.get("therapist").get("id").asString()).isEqualTo("t-mali");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(mongo.findById(id, org.bson.Document.class, "attention")).isNull());
    }

    @Test
    void aNewTimeIsCheckedLikeANewBookingsAndAMistakeChangesNothing() {
        String id = confirmed();
        JsonNode before = api.booking(id);

        assertRefused(api.reschedule(id, map("start", Instant.now().minus(AN_HOUR).toString())), "start", "must be in the future");
        assertRefused(api.reschedule(id, map("start", Instant.now().plus(Duration.ofDays(91)).toString())), "start", "at most 90 days");
        assertRefused(api.reschedule(id, map("startLocal", RequestBodies.aWeekAheadAt(LocalTime.of(20, 30)).toString())), "startLocal",
                "outside the opening hours");
        assertRefused(api.reschedule(id, map("start", before.get("start").asString())), "start", "already has");
        assertRefused(api.reschedule(id, map()), "start", "is required");
        assertRefused(api.reschedule(id, map("start", 1764583200)), "start", "must be text");
        assertRefused(api.postTo("/api/bookings/" + id + "/reschedule", null, null), "body", "is required");

        assertThat(api.booking(id)).isEqualTo(before);
        assertThat(BookingEvents.all(BookingRescheduleRequested.class, id, Duration.ofSeconds(2))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Europe/London", "America/New_York"})
    void aLocalTimeTheClocksSkipIsRefusedAndOneTheyPassTwiceNeedsTheOffset(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        String branch = TestBranches.freshId("dst");
        TestBranches.catalogue(mongo, TestBranches.anAlwaysOpenBranch(branch, zone, "USD", null));
        ZoneOffsetTransition gap = next(zone, true);
        ZoneOffsetTransition overlap = next(zone, false);
        LocalDateTime skipped = gap.getDateTimeBefore().plusMinutes(30);
        LocalDateTime twice = overlap.getDateTimeAfter().plusMinutes(30);

        // Ten days before each clock change, with a booking confirmed for the day before it.
        for (ZoneOffsetTransition change : List.of(gap, overlap)) {
            clock.standAt(change.getInstant().minus(Duration.ofDays(10)));
            Instant dayBefore = change.getInstant().minus(Duration.ofDays(1));
            String id = confirmed(aBooking(branch).without("startLocal").with("start", dayBefore.toString()));
            JsonNode before = api.booking(id);

            if (change.isGap()) {
                assertRefused(api.reschedule(id, map("startLocal", skipped.toString())), "startLocal", "does not exist in " + zone);
                assertRefused(api.staffReschedule(branch, id, map("startLocal", skipped.toString())), "startLocal", "does not exist");
                assertThat(api.booking(id)).isEqualTo(before);
            } else {
                assertRefused(api.reschedule(id, map("startLocal", twice.toString())), "startLocal", "happens twice in " + zone);
                assertThat(api.booking(id)).isEqualTo(before);
                String second = twice.atOffset(change.getOffsetAfter()).toString();
                HttpResponse<String> withOffset = api.reschedule(id, map("start", second));
                assertThat(withOffset.statusCode()).as(withOffset.body()).isEqualTo(202);
                assertThat(Instant.parse(BookingApi.json(withOffset).get("reschedule").get("requestedStart").asString()))
                        .isEqualTo(twice.atOffset(change.getOffsetAfter()).toInstant());
            }
            clock.reset();
        }
    }

    @Test
    void aLocalTimeIsReadInTheBranchZoneInNewYork() {
        String branch = TestBranches.freshId("nyc");
        TestBranches.catalogue(mongo, TestBranches.anAlwaysOpenBranch(branch, ZoneId.of("America/New_York"), "USD", null));
        String id = confirmed(aBooking(branch));
        LocalDateTime newLocal = LocalDateTime.now(ZoneId.of("America/New_York")).plusDays(10).withHour(11).withMinute(0).withSecond(0).withNano(0);

        JsonNode pending = BookingApi.json(api.reschedule(id, map("startLocal", newLocal.toString())));

        assertThat(Instant.parse(pending.get("reschedule").get("requestedStart").asString()))
                .isEqualTo(newLocal.atZone(ZoneId.of("America/New_York")).toInstant());
        assertThat(pending.get("reschedule").get("requestedStartLocal").asString()).startsWith(newLocal.toString().substring(0, 16));
    }

    private static ZoneOffsetTransition next(ZoneId zone, boolean gap) {
        Instant from = Instant.now();
        while (true) {
            ZoneOffsetTransition transition = zone.getRules().nextTransition(from);
            if (transition.isGap() == gap) {
                return transition;
            }
            from = transition.getInstant();
        }
    }

    private static void assertRefused(HttpResponse<String> response, String field, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(BookingApi.json(response).get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("message").asString()).contains(reason);
        });
    }

    /** The booking without what a refusal adds: when it was written, and the refusal itself. */
    private static JsonNode withoutTheAnswer(JsonNode booking) {
        ObjectNode copy = (ObjectNode) booking.deepCopy();
        copy.remove("updatedAt");
        copy.remove("lastRescheduleRefusal");
        return copy;
    }
}
