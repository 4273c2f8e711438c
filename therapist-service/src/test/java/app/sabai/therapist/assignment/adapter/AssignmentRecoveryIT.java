package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A process may die between any two steps of an assignment; the next delivery still ends in one decision. */
class AssignmentRecoveryIT extends ServiceIntegrationTest {

    @Autowired
    AssignmentService service;
    @Autowired
    Assignments assignments;

    @Test
    void whatACrashedAttemptHeldIsReleasedWhenTheRequestIsDeliveredAgain() {
        AnnaAndBen salon = annaAndBen("salon");
        Branch branch = salon.branch();
        LocalDate day = daysAhead(branch, 3);
        BookingRequested request = requested(branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested neighbour = requested(branch, Technique.SWEDISH, at(branch, day, "14:00"), 60);
        service.handle(neighbour);
        // Attempt 1 reserved Ben and a room, then its process died before writing the decision.
        assignments.open(request, Instant.now());
        assertThat(assignments.claim(request.bookingId())).hasValue(1);
        Interval session = new Interval(request.start(), request.end());
        BookedSession held = BookedSession.of(request.bookingId(), 1, branch.id(), branch.blockedFor(session), session);
        assertThat(reservations.reserve(Resource.therapist(salon.ben().id()), held)).isTrue();
        assertThat(reservations.reserve(Resource.room(branch.id(), "table-2"), held)).isTrue();

        service.handle(request);

        Document decision = assignmentDocument(request.bookingId());
        assertThat(decision.getString("status")).isEqualTo("ASSIGNED");
        assertThat(decision.getInteger("attempt")).isEqualTo(2);
        assertThat(sessionsOf("therapist_days", request.bookingId())).singleElement()
                .satisfies(s -> assertThat(s.getInteger("attempt")).isEqualTo(2));
        assertThat(sessionsOf("room_days", request.bookingId())).singleElement()
                .satisfies(s -> assertThat(s.getInteger("attempt")).isEqualTo(2));
        assertThat(sessionsOf("therapist_days", neighbour.bookingId())).hasSize(1);
        assertThat(sessionsOf("room_days", neighbour.bookingId())).hasSize(1);
    }

    @Test
    void onceDecidedTheBookingIsNeverPlannedAgain() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        seed(branch, List.of(Fixtures.therapist(freshId("anna"), branch.id()).build()), "09:00", "17:00");
        BookingRequested request = requested(branch, Technique.SWEDISH, at(branch, daysAhead(branch, 3), "10:00"), 60);
        service.handle(request);
        Document decided = assignmentDocument(request.bookingId());

        service.handle(request);
        service.handle(new BookingRequested(UUID.randomUUID(), Instant.now(), request.bookingId(), request.branchId(), request.technique(),
                request.durationMinutes(), request.start(), request.end(), request.zone(), request.customer(), request.preferences(),
                request.bodyAreas(), request.requirements(), request.homeVisit(), request.courseId()));

        Document after = assignmentDocument(request.bookingId());
        assertThat(after.getInteger("attempt")).isEqualTo(decided.getInteger("attempt"));
        assertThat(after.get("decidedAt")).isEqualTo(decided.get("decidedAt"));
        assertThat(sessionsOf("therapist_days", request.bookingId())).hasSize(1);
    }

    @Test
    void anAttemptOvertakenByALaterOneCannotWriteItsDecision() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        BookingRequested request = requested(branch, Technique.SWEDISH, Instant.now().plusSeconds(86_400), 60);
        assignments.open(request, Instant.now());
        int first = assignments.claim(request.bookingId()).orElseThrow();
        int second = assignments.claim(request.bookingId()).orElseThrow();
        AssignmentRecord.Reservation reservation = new AssignmentRecord.Reservation("t", "T", "table-1", List.of(), request.start(), request.end(), List.of());
        AssignmentExplanation explanation = new AssignmentExplanation(List.of(), "test");

        boolean stale = assignments.decide(assignments.assigning(request.bookingId(), first, reservation, explanation, assigned(request), request, Instant.now()));
        boolean current = assignments.decide(assignments.assigning(request.bookingId(), second, reservation, explanation, assigned(request), request, Instant.now()));

        assertThat(stale).isFalse();
        assertThat(current).isTrue();
        assertThat(assignments.claim(request.bookingId())).isEmpty();
        assertThat(assignmentDocument(request.bookingId()).getList("appliedEventIds", String.class)).containsExactly(request.eventId().toString());
    }

    @Test
    void aHomeVisitHoldsItsTherapistForTheTravelBeforeAndAfter() {
        Branch mobile = Fixtures.salon(freshId("mobile")).mobile(30).changeover(10).build();
        Therapist gemma = Fixtures.therapist(freshId("gemma"), mobile.id()).build();
        seed(mobile, List.of(gemma), "08:00", "20:00");
        LocalDate day = daysAhead(mobile, 2);
        BookingRequested first = requested(mobile, Technique.SWEDISH, at(mobile, day, "10:00"), 60);
        BookingRequested tooSoon = requested(mobile, Technique.SWEDISH, at(mobile, day, "12:00"), 60);
        BookingRequested inTime = requested(mobile, Technique.SWEDISH, at(mobile, day, "12:10"), 60);

        service.handle(first);
        service.handle(tooSoon);
        service.handle(inTime);

        Document firstDecision = assignmentDocument(first.bookingId());
        assertThat(firstDecision.getString("status")).isEqualTo("ASSIGNED");
        Document reservation = firstDecision.get("reservation", Document.class);
        assertThat(reservation.getDate("blockedStart").toInstant()).isEqualTo(at(mobile, day, "09:30"));
        assertThat(reservation.getDate("blockedEnd").toInstant()).isEqualTo(at(mobile, day, "11:40"));
        assertThat(reservation.getString("roomId")).isNull();
        assertThat(assignmentDocument(tooSoon.bookingId()).getString("status")).isEqualTo("REJECTED");
        assertThat(assignmentDocument(inTime.bookingId()).getString("status")).isEqualTo("ASSIGNED");
    }

    private static TherapistAssigned assigned(BookingRequested request) {
        return new TherapistAssigned(UUID.randomUUID(), Instant.now(), request.bookingId(), request.branchId(), "t", "T", "table-1",
                List.of(), request.start(), request.end(), new AssignmentExplanation(List.of(), "test"));
    }
}
