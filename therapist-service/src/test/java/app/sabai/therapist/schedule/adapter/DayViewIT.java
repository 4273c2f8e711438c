package app.sabai.therapist.schedule.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Availability answers from the day documents held in memory, kept current by this instance's writes and by the events of others. */
class DayViewIT extends ServiceIntegrationTest {

    Branch branch;
    Therapist anna;
    LocalDate day;
    String availability;

    @BeforeEach
    void annaAloneWorksNineToFiveAndHerDayWasLookedAt() {
        branch = Fixtures.salon(freshId("salon")).build();
        anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        day = daysAhead(branch, 3);
        availability = "/api/availability?branchId=" + branch.id() + "&technique=SWEDISH&durationMinutes=60&date=" + day;
        assertThat(starts()).contains("10:00", "12:00");
    }

    @Test
    void aBookingOfAnotherInstanceLeavesAvailabilityOnceItsEventIsHeard() {
        String bookingId = freshId("elsewhere");
        Instant start = at(branch, day, "10:00");
        Instant end = start.plus(Duration.ofHours(1));
        BookedSession session = BookedSession.of(bookingId, 1, branch.id(), branch.blockedFor(new Interval(start, end)), new Interval(start, end));
        StoredDays.fileInTheStoreOnly(mongo, Resource.therapist(anna.id()), session);
        StoredDays.fileInTheStoreOnly(mongo, Resource.room(branch.id(), "table-1"), session);
        assertThat(starts()).as("answered from memory, not read again").contains("10:00");

        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), new TherapistAssigned(UUID.randomUUID(), clock.instant(), bookingId, branch.id(),
                anna.id(), anna.name(), "table-1", List.of(), start, end, null));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(starts()).doesNotContain("10:00").contains("12:00"));
    }

    @Test
    void aSlotAnotherInstanceReleasedComesBackOnceItsEventIsHeard() {
        BookingRequested booked = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        assertThat(starts()).as("this instance's own write shows at once").doesNotContain("10:00");
        mongo.updateMulti(new Query(Criteria.where("sessions.bookingId").is(booked.bookingId())),
                new Update().pull("sessions", new Document("bookingId", booked.bookingId())), "therapist_days");
        assertThat(starts()).as("answered from memory, not read again").doesNotContain("10:00");

        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), new SlotReleased(UUID.randomUUID(), clock.instant(), booked.bookingId(), branch.id(),
                anna.id(), booked.start(), booked.end(), "CANCELLED", Technique.SWEDISH, "table-1"));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(starts()).contains("10:00"));
    }

    private List<String> starts() {
        JsonNode slots = json(get(availability)).get("slots");
        List<String> starts = new ArrayList<>();
        slots.forEach(slot -> starts.add(slot.get("startLocal").asString().substring(11, 16)));
        return starts;
    }
}

