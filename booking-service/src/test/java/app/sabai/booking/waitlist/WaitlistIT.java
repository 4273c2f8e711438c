package app.sabai.booking.waitlist;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static app.sabai.booking.testing.RequestBodies.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waitlist: a slot therapist-service releases goes to the first entry it fits, held as a booking like any request
 * and offered once held; the offer is accepted (a confirmed booking), declined or left to expire (the slot passes on), or
 * its hold cannot be had (the next entry is tried). Nothing is offered twice for one release, nor to a customer with
 * three offers open.
 */
class WaitlistIT extends ServiceIntegrationTest {

    static final Instant TEN = aWeekAheadAt(LocalTime.of(10, 0));

    @Test
    void anAcceptedOfferIsAConfirmedBookingAndTheEntryIsBooked() {
        RequestBodies body = RequestBodies.aWaitlistEntry(branchId);
        HttpResponse<String> joined = api.postBody("/api/waitlist", body, null);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        String waitlistId = BookingApi.json(joined).get("id").asString();
        assertThat(joined.headers().firstValue("Location")).contains("/api/waitlist/" + waitlistId);
        assertThat(BookingApi.json(joined).get("status").asString()).isEqualTo("WAITING");

        Instant released = Instant.now();
        releaseSlot(TEN);
        BookingRequested hold = awaitHoldRequested(waitlistId);

        assertThat(hold.start()).as("exactly the released start").isEqualTo(TEN);
        assertThat(hold.end()).isEqualTo(TEN.plus(Duration.ofHours(1)));
        assertThat(hold.offerExpiresAt()).isBetween(released.plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(hold.customer().email()).isEqualTo(body.email());
        assertThat(hold.requirements().notesForTherapist()).as("no intake was given").isNotEmpty();
        assertThat(api.booking(hold.bookingId()).get("status").asString()).isEqualTo("OFFER_REQUESTED");
        assertThat(api.waitlistEntry(waitlistId).get("status").asString()).as("not offered until held").isEqualTo("WAITING");

        publish(AssignmentEvents.assignedAt(hold.bookingId(), branchId, "t-nok", "Nok", hold.start(), hold.end()));
        JsonNode offered = api.awaitWaitlistStatus(waitlistId, "OFFERED");

        JsonNode offer = offered.get("offer");
        assertThat(offer.get("bookingId").asString()).isEqualTo(hold.bookingId());
        assertThat(Instant.parse(offer.get("start").asString())).isEqualTo(TEN);
        assertThat(LocalDateTime.parse(offer.get("startLocal").asString()).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
        assertThat(Instant.parse(offer.get("expiresAt").asString())).isEqualTo(hold.offerExpiresAt());
        assertThat(offered.get("allowed").valueStream().map(JsonNode::asString).toList())
                .containsExactly("acceptance", "decline", "cancellation");
        assertThat(api.booking(hold.bookingId()).get("status").asString()).isEqualTo("OFFERED");
        BookingOffered offeredEvent = BookingEvents.await(BookingOffered.class, hold.bookingId());
        assertThat(offeredEvent.waitlistId()).isEqualTo(waitlistId);
        assertThat(offeredEvent.expiresAt()).isEqualTo(hold.offerExpiresAt());
        assertThat(offeredEvent.therapistName()).isEqualTo("Nok");
        assertRefusedInStatus(api.cancel(hold.bookingId(), "not like this"), "OFFERED", "acceptance", "decline");
        assertRefusedInStatus(api.staffCancel(branchId, hold.bookingId(), "not like this"), "OFFERED");

        HttpResponse<String> accepted = api.accept(waitlistId);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(BookingApi.json(accepted).get("bookingId").asString()).isEqualTo(hold.bookingId());
        assertThat(accepted.headers().firstValue("Location")).contains("/api/bookings/" + hold.bookingId());
        JsonNode booking = api.booking(hold.bookingId());
        assertThat(booking.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(booking.get("therapist").get("name").asString()).isEqualTo("Nok");
        assertThat(booking.get("waitlistId").asString()).isEqualTo(waitlistId);
        BookingConfirmed confirmed = BookingEvents.await(BookingConfirmed.class, hold.bookingId());
        assertThat(confirmed.waitlistId()).isEqualTo(waitlistId);
        assertThat(confirmed.courseId()).isNull();
        JsonNode booked = api.waitlistEntry(waitlistId);
        assertThat(booked.get("status").asString()).isEqualTo("BOOKED");
        assertThat(booked.get("bookingId").asString()).isEqualTo(hold.bookingId());
        assertThat(mongo.findById(hold.bookingId(), Document.class, "open_offers")).isNull();
        assertThat(api.accept(waitlistId).statusCode()).isEqualTo(409);
        assertThat(BookingApi.json(api.accept(waitlistId)).get("waitlistStatus").asString()).isEqualTo("BOOKED");
        String customerId = booked.get("customerId").asString();
        assertThat(BookingApi.json(api.get("/api/customers/" + customerId + "/bookings")).get("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void anOfferLeftToExpireEndsFreeAndTheSlotPassesToTheNextEntry() {
        Offer first = offered(RequestBodies.aWaitlistEntry(branchId), TEN);
        String next = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));

        clock.advance(Duration.ofMinutes(16));

        JsonNode expired = api.awaitWaitlistStatus(first.waitlistId(), "EXPIRED");
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(api.booking(first.bookingId()).get("status").asString()));
        BookingCancelled cancelled = BookingEvents.await(BookingCancelled.class, first.bookingId());
        assertThat(cancelled.cancelledBy()).isEqualTo("SYSTEM");
        assertThat(cancelled.reason()).isEqualTo("offer expired");
        assertThat(cancelled.fee()).isNull();
        assertThat(cancelled.late()).isFalse();
        assertThat(expired.get("allowed").size()).isZero();
        assertThat(api.accept(first.waitlistId()).statusCode()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(first.bookingId(), Document.class, "open_offers") == null);

        // therapist-service releases the slot the cancelled offer held: it goes to the next entry.
        releaseSlot(TEN);
        BookingRequested passedOn = awaitHoldRequested(next);
        assertThat(passedOn.start()).isEqualTo(TEN);
        assertThat(passedOn.offerExpiresAt()).isAfter(clock.instant().plus(Duration.ofMinutes(14)));
    }

    @Test
    void aDeclinedOfferEndsFreeAndTheSlotPassesOn() {
        Offer first = offered(RequestBodies.aWaitlistEntry(branchId), TEN);
        String next = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));

        HttpResponse<String> declined = api.decline(first.waitlistId());

        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
        assertThat(BookingApi.json(declined).get("status").asString()).isEqualTo("DECLINED");
        assertThat(api.booking(first.bookingId()).get("status").asString()).isEqualTo("CANCELLED");
        BookingCancelled cancelled = BookingEvents.await(BookingCancelled.class, first.bookingId());
        assertThat(cancelled.cancelledBy()).isEqualTo("SYSTEM");
        assertThat(cancelled.reason()).isEqualTo("offer declined");
        assertThat(cancelled.fee()).isNull();
        assertThat(api.decline(first.waitlistId()).statusCode()).isEqualTo(409);

        releaseSlot(TEN);
        assertThat(awaitHoldRequested(next).start()).isEqualTo(TEN);
        assertThat(BookingEvents.allWhere(BookingRequested.class, requested -> first.waitlistId().equals(requested.waitlistId()),
                Duration.ofSeconds(1))).as("never offered again to who declined").hasSize(1);
    }

    @Test
    void aCustomerHasAtMostThreeOffersOpen() {
        String email = RequestBodies.freshEmail();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId).with("customer.email", email)));
        }
        String someoneElse = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));

        for (int i = 0; i < 3; i++) {
            releaseSlot(TEN.plus(Duration.ofHours(2L * i)));
            awaitHoldRequested(mine.get(i));
        }
        releaseSlot(TEN.plus(Duration.ofHours(6)));

        assertThat(awaitHoldRequested(someoneElse).start()).isEqualTo(TEN.plus(Duration.ofHours(6)));
        assertThat(BookingEvents.allWhere(BookingRequested.class, requested -> mine.get(3).equals(requested.waitlistId()),
                Duration.ofSeconds(1))).isEmpty();
        assertThat(api.waitlistEntry(mine.get(3)).get("status").asString()).isEqualTo("WAITING");
        assertThat(mongo.findById(email.toLowerCase(), Document.class, "waitlist_customers").getList("offers", Document.class)).hasSize(3);
    }

    @Test
    void aSlotThatFitsNobodyChangesNothing() {
        LocalDate day = LocalDate.now(TestBranches.LONDON).plusDays(7);
        String waitlistId = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId)
                .with("weekdays", list(day.getDayOfWeek().name()))
                .with("earliest", "10:00").with("latest", "12:00"));
        Document before = mongo.findById(branchId, Document.class, "waitlist_branches");

        List<SlotReleased> fittingNobody = List.of(
                AssignmentEvents.slotReleased(branchId, "t-nok", TEN, TEN.plus(Duration.ofHours(1)), Technique.SWEDISH),
                AssignmentEvents.slotReleased(branchId, "t-nok", TEN, TEN.plus(Duration.ofMinutes(30)), Technique.THAI),
                AssignmentEvents.slotReleased(branchId, "t-nok", TEN.plus(Duration.ofHours(5)), TEN.plus(Duration.ofHours(6)), Technique.THAI),
                AssignmentEvents.slotReleased(branchId, "t-nok", TEN.plus(Duration.ofDays(1)), TEN.plus(Duration.ofDays(1).plusHours(1)),
                        Technique.THAI),
                AssignmentEvents.slotReleased(branchId, "t-nok", TEN.plus(Duration.ofDays(5)), TEN.plus(Duration.ofDays(5).plusHours(1)),
                        Technique.THAI),
                AssignmentEvents.slotReleased(branchId, "t-nok", clock.instant().plus(Duration.ofMinutes(5)),
                        clock.instant().plus(Duration.ofMinutes(65)), Technique.THAI));
        fittingNobody.forEach(AssignmentEvents::publish);
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(mongo.findById(branchId, Document.class, "waitlist_branches")).isEqualTo(before);
        assertThat(api.waitlistEntry(waitlistId).get("status").asString()).isEqualTo("WAITING");
        assertThat(BookingEvents.allWhere(BookingRequested.class, requested -> waitlistId.equals(requested.waitlistId()),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aReleasedSlotDeliveredAgainMakesNoSecondOffer() {
        String first = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));
        String second = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));
        SlotReleased released = releaseSlot(TEN);
        awaitHoldRequested(first);

        publish(released);
        publish(released);
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(BookingEvents.allWhere(BookingRequested.class, requested -> first.equals(requested.waitlistId())
                || second.equals(requested.waitlistId()), Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void aHoldThatCannotBeHadReturnsTheEntryToWaitingAndTriesTheNextOnce() {
        String first = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));
        String second = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));
        releaseSlot(TEN);
        BookingRequested firstHold = awaitHoldRequested(first);

        publish(AssignmentEvents.rejected(firstHold.bookingId(), branchId, RejectionReason.NO_ROOM_AVAILABLE, "All rooms taken", List.of()));

        BookingRequested secondHold = awaitHoldRequested(second);
        assertThat(secondHold.start()).isEqualTo(TEN);
        api.awaitStatus(firstHold.bookingId(), "REJECTED");
        BookingRejected rejected = BookingEvents.await(BookingRejected.class, firstHold.bookingId());
        assertThat(rejected.waitlistId()).isEqualTo(first);
        JsonNode waiting = api.waitlistEntry(first);
        assertThat(waiting.get("status").asString()).isEqualTo("WAITING");
        assertThat(waiting.has("offer")).isFalse();

        publish(AssignmentEvents.rejected(secondHold.bookingId(), branchId, RejectionReason.NO_ROOM_AVAILABLE, "All rooms taken", List.of()));
        api.awaitStatus(secondHold.bookingId(), "REJECTED");
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(api.waitlistEntry(second).get("status").asString()).isEqualTo("WAITING");
        assertThat(BookingEvents.allWhere(BookingRequested.class, requested -> first.equals(requested.waitlistId())
                || second.equals(requested.waitlistId()), Duration.ofSeconds(2))).as("neither is tried again for this slot").hasSize(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                mongo.findById(branchId, Document.class, "waitlist_branches").getList("entries", Document.class))
                .allSatisfy(entry -> assertThat(entry.get("hold")).isNull()));
    }

    @Test
    void aWithdrawnAbsenceIsOfferedAtTheEarliestQuarterHourThatFits() {
        String waitlistId = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId).with("earliest", "13:10"));

        publish(AssignmentEvents.absenceWithdrawn(branchId, "t-nok", TEN.minus(Duration.ofMinutes(53)), TEN.plus(Duration.ofHours(7))));

        BookingRequested hold = awaitHoldRequested(waitlistId);
        assertThat(hold.start()).isEqualTo(aWeekAheadAt(LocalTime.of(13, 15)));
        assertThat(hold.durationMinutes()).isEqualTo(60);
    }

    @Test
    void timeARosterChangeOpensIsOfferedPeriodByPeriodAndOnceWhenDeliveredAgain() {
        String first = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId).with("earliest", "13:10"));
        String second = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));
        Instant nextDay = TEN.plus(Duration.ofDays(1));
        TherapistRosterChanged changed = AssignmentEvents.rosterOpened(branchId, "t-nok",
                new TherapistRosterChanged.Opened(branchId, null, TEN),
                new TherapistRosterChanged.Opened(branchId, TEN.plus(Duration.ofHours(3)), TEN.plus(Duration.ofHours(7))),
                new TherapistRosterChanged.Opened(branchId, nextDay, nextDay.plus(Duration.ofHours(1))));

        publish(changed);

        BookingRequested firstHold = awaitHoldRequested(first);
        assertThat(firstHold.start()).as("the earliest quarter hour that fits").isEqualTo(aWeekAheadAt(LocalTime.of(13, 15)));
        assertThat(firstHold.durationMinutes()).isEqualTo(60);
        assertThat(awaitHoldRequested(second).start()).as("the next period, to the next entry").isEqualTo(nextDay);
        assertThat(api.booking(firstHold.bookingId()).get("status").asString()).isEqualTo("OFFER_REQUESTED");
        publish(AssignmentEvents.assignedAt(firstHold.bookingId(), branchId, "t-nok", "Nok", firstHold.start(), firstHold.end()));
        JsonNode offered = api.awaitWaitlistStatus(first, "OFFERED");
        assertThat(offered.get("offer").get("bookingId").asString()).isEqualTo(firstHold.bookingId());
        assertThat(api.booking(firstHold.bookingId()).get("status").asString()).isEqualTo("OFFERED");
        String third = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));

        publish(changed);
        publish(changed);
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(BookingEvents.allWhere(BookingRequested.class, requested -> first.equals(requested.waitlistId())
                || second.equals(requested.waitlistId()) || third.equals(requested.waitlistId()), Duration.ofSeconds(2))).hasSize(2);
        assertThat(api.waitlistEntry(third).get("status").asString()).isEqualTo("WAITING");
    }

    @Test
    void timeARosterChangeOpensThatFitsNobodyChangesNothing() {
        LocalDate day = LocalDate.now(TestBranches.LONDON).plusDays(7);
        String waitlistId = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId)
                .with("weekdays", list(day.getDayOfWeek().name()))
                .with("earliest", "10:00").with("latest", "12:00"));
        Document before = mongo.findById(branchId, Document.class, "waitlist_branches");

        publish(AssignmentEvents.rosterOpened(branchId, "t-nok",
                new TherapistRosterChanged.Opened(branchId, TEN, TEN.plus(Duration.ofMinutes(45))),
                new TherapistRosterChanged.Opened(branchId, TEN.plus(Duration.ofHours(3)), TEN.plus(Duration.ofHours(8))),
                new TherapistRosterChanged.Opened(branchId, TEN.plus(Duration.ofDays(1)), TEN.plus(Duration.ofDays(1).plusHours(2)))));
        AssignmentEvents.processedUpToHere(api, branchId);

        assertThat(mongo.findById(branchId, Document.class, "waitlist_branches")).isEqualTo(before);
        assertThat(api.waitlistEntry(waitlistId).get("status").asString()).isEqualTo("WAITING");
        assertThat(BookingEvents.allWhere(BookingRequested.class, requested -> waitlistId.equals(requested.waitlistId()),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aCancelledEntryLeavesTheListAndAnOfferItHeldEndsWithIt() {
        String waiting = api.joinWaitlist(RequestBodies.aWaitlistEntry(branchId));
        HttpResponse<String> left = api.leaveWaitlist(waiting);
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        assertThat(BookingApi.json(left).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(BookingApi.json(api.leaveWaitlist(waiting)).get("status").asString()).isEqualTo("CANCELLED");

        Offer offer = offered(RequestBodies.aWaitlistEntry(branchId), TEN);
        assertThat(BookingApi.json(api.leaveWaitlist(offer.waitlistId())).get("status").asString()).isEqualTo("CANCELLED");

        api.awaitStatus(offer.bookingId(), "CANCELLED");
        BookingCancelled withdrawn = BookingEvents.await(BookingCancelled.class, offer.bookingId());
        assertThat(withdrawn.cancelledBy()).isEqualTo("SYSTEM");
        assertThat(withdrawn.fee()).isNull();
        assertThat(api.accept(offer.waitlistId()).statusCode()).isEqualTo(409);
        assertThat(mongo.findById(branchId, Document.class, "waitlist_branches").getList("entries", Document.class)).isEmpty();
        assertThat(api.leaveWaitlist("no-such-entry").statusCode()).isEqualTo(404);
    }

    @Test
    void theSameRequestWithTheSameKeyMakesOneEntry() {
        RequestBodies body = RequestBodies.aWaitlistEntry(branchId);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = api.postBody("/api/waitlist", body, key);
        HttpResponse<String> again = api.postBody("/api/waitlist", body, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(mongo.findById(branchId, Document.class, "waitlist_branches").getList("entries", Document.class)).hasSize(1);
    }

    @Test
    void everyFieldAtFaultIsNamed() {
        clock.standAt(Instant.parse("2027-03-01T12:00:00Z"));
        RequestBodies body = RequestBodies.aWaitlistEntry(branchId)
                .with("from", "2027-03-28T01:30").with("to", "soon").with("weekdays", list("FUNDAY"))
                .with("earliest", "14:00").with("latest", "25:00").with("customer.email", "not-an-email")
                .with("durationMinutes", 45);

        HttpResponse<String> response = api.postBody("/api/waitlist", body, null);

        assertThat(response.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        BookingApi.json(response).get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("from", "to", "weekdays[0]", "latest", "customer.email", "durationMinutes");
        assertThat(response.body()).contains("does not exist");

        HttpResponse<String> backwards = api.postBody("/api/waitlist", RequestBodies.aWaitlistEntry(branchId)
                .with("from", "2027-03-20T12:00").with("to", "2027-03-20T11:00").with("earliest", "12:00").with("latest", "11:00"), null);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"field\":\"to\"", "\"field\":\"latest\"");
        assertThat(api.postTo("/api/waitlist", "{\"branchId\":\"" + branchId + "\",\"durationMinutes\":\"60\"}", null).body())
                .contains("\"field\":\"durationMinutes\"");
        assertThat(api.get("/api/waitlist/no-such-entry").statusCode()).isEqualTo(404);
    }
}
