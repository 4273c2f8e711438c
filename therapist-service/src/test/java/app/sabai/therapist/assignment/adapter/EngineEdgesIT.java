package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.assignment.AssignmentStatus;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Holes the reservation engine must not have: hidden overlaps, passing holds mistaken for real ones, dead letters, owners of
 * a hold misread.
 */
class EngineEdgesIT extends ServiceIntegrationTest {

    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @Autowired
    Assignments assignments;

    @Test
    void aTherapistCoveringBranchesInTwoZonesIsNeverBookedAcrossTheirMidnight() {
        Branch london = Fixtures.salon(freshId("london")).hours(LocalTime.of(9, 0), LocalTime.of(23, 59)).build();
        Branch bangkok = Fixtures.salon(freshId("bangkok")).zone(BANGKOK).hours(LocalTime.MIDNIGHT, LocalTime.of(23, 59)).build();
        Therapist somchai = Fixtures.therapist(freshId("somchai"), london.id()).covering(bangkok.id()).build();
        seed(london, List.of(somchai), "09:00", "23:59");
        catalogue.save(bangkok);
        LocalDate londonDay = daysAhead(london, 3);
        Instant londonStart = at(london, londonDay, "22:30");
        // An hour later, in the London session's changeover, it is already the next morning in Bangkok.
        Instant bangkokStart = londonStart.plus(Duration.ofMinutes(60));
        LocalDate bangkokDay = bangkokStart.atZone(BANGKOK).toLocalDate();
        roster.save(Shift.of(somchai.id(), bangkok.id(), bangkokDay, LocalTime.MIDNIGHT, LocalTime.of(23, 59)));

        BookingRequested inBangkok = bookWith(somchai, bangkok, Technique.SWEDISH, bangkokStart, 60);
        BookingRequested inLondon = bookWith(somchai, london, Technique.SWEDISH, londonStart, 60);

        assertThat(assignmentDocument(inBangkok.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        Document inLondonDecision = assignmentDocument(inLondon.bookingId());
        assertThat(inLondonDecision.getString("status")).isEqualTo("REJECTED");
        assertThat(inLondonDecision.get("explanation", Document.class).getList("considered", Document.class)).singleElement()
                .satisfies(verdict -> {
                    assertThat(verdict.getString("excludedBy")).isEqualTo("NO_OVERLAP");
                    assertThat(verdict.getString("detail")).contains(inBangkok.bookingId());
                });
        Interval blocked = bangkok.blockedFor(new Interval(bangkokStart, bangkokStart.plus(Duration.ofMinutes(60))));
        Set<LocalDate> utcDates = Set.of(LocalDate.ofInstant(blocked.start(), ZoneOffset.UTC), LocalDate.ofInstant(blocked.end().minusNanos(1), ZoneOffset.UTC));
        assertThat(mongo.find(new Query(Criteria.where("sessions.bookingId").is(inBangkok.bookingId())), Document.class, "therapist_days"))
                .hasSize(utcDates.size());
    }

    @Test
    void aVisitWhoseTravelRunsPastMidnightStillKeepsTheTherapistFromTheNextDaysFirstVisit() {
        Branch mobile = Fixtures.salon(freshId("night-mobile")).mobile(30).changeover(10).hours(LocalTime.MIDNIGHT, LocalTime.of(23, 59)).build();
        Therapist gemma = Fixtures.therapist(freshId("gemma"), mobile.id()).skills(Technique.SWEDISH).build();
        seed(mobile, List.of(gemma), "00:00", "23:59");
        LocalDate day = daysAhead(mobile, 2);

        BookingRequested late = bookWith(gemma, mobile, Technique.SWEDISH, at(mobile, day, "22:30"), 60);
        BookingRequested early = bookWith(gemma, mobile, Technique.SWEDISH, at(mobile, day.plusDays(1), "00:00"), 60);
        BookingRequested later = bookWith(gemma, mobile, Technique.SWEDISH, at(mobile, day.plusDays(1), "00:45"), 60);

        assertThat(assignmentDocument(late.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        assertThat(assignmentDocument(early.bookingId()).get("explanation", Document.class).getList("considered", Document.class))
                .singleElement().satisfies(verdict -> {
                    assertThat(verdict.getString("excludedBy")).isEqualTo("NO_OVERLAP");
                    assertThat(verdict.getString("detail")).contains(late.bookingId());
                });
        assertThat(assignmentDocument(later.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        Interval blocked = mobile.blockedFor(new Interval(late.start(), late.end()));
        Set<LocalDate> utcDates = Set.of(LocalDate.ofInstant(blocked.start(), ZoneOffset.UTC), LocalDate.ofInstant(blocked.end().minusNanos(1), ZoneOffset.UTC));
        assertThat(mongo.find(new Query(Criteria.where("sessions.bookingId").is(late.bookingId())), Document.class, "therapist_days"))
                .hasSize(utcDates.size());
    }

    @Test
    void aHoldLeftBehindByAnAttemptThatGaveUpIsReleasedInsteadOfRejectingTheBooking() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        Instant start = at(branch, daysAhead(branch, 2), "10:00");
        BookingRequested gaveUp = requested(branch, Technique.SWEDISH, start, 60);
        holdLikeACrashedAttempt(gaveUp, anna, branch, 1);
        Attempts.replacedByALaterAttempt(assignments, gaveUp.bookingId());

        BookingRequested wanted = bookWith(anna, branch, Technique.SWEDISH, start, 60);

        Document decision = assignmentDocument(wanted.bookingId());
        assertThat(decision.getString("status")).isEqualTo("ASSIGNED");
        assertThat(decision.get("reservation", Document.class).getString("therapistId")).isEqualTo(anna.id());
        assertThat(holdersOf("therapist_days", gaveUp.bookingId())).isEmpty();
    }

    @Test
    void aHoldOfAnAttemptStillDecidingIsWaitedForNotTakenAsFinal() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        Instant start = at(branch, daysAhead(branch, 2), "11:00");
        BookingRequested deciding = requested(branch, Technique.SWEDISH, start, 60);
        holdLikeACrashedAttempt(deciding, anna, branch, 1);
        BookingRequested wanted = requested(branch, Technique.SWEDISH, start, 60);

        assertThatThrownBy(() -> assignmentService.handle(wanted)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still being decided");
        assertThat(assignmentDocument(wanted.bookingId()).getString("status")).isEqualTo("PLANNING");

        // The deciding attempt lets go of Anna (it found nothing else it needed), and the request is delivered again.
        reservations.release(Resource.therapist(anna.id()), branch.blockedFor(new Interval(start, start.plusSeconds(3600))),
                deciding.bookingId(), 1);
        assignmentService.handle(wanted);

        assertThat(assignmentDocument(wanted.bookingId()).getString("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void aBookingRequestThatEndsOnTheDeadLetterTopicReleasesWhatItsAttemptsHeld() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        BookingRequested request = requested(branch, Technique.SWEDISH, at(branch, daysAhead(branch, 2), "12:00"), 60);
        holdLikeACrashedAttempt(request, anna, branch, 1);
        BookingRequested unplannable = new BookingRequested(request.eventId(), request.occurredAt(), request.bookingId(), request.branchId(),
                null, request.durationMinutes(), request.start(), request.end(), request.zone(), request.customer(), request.preferences(),
                request.bodyAreas(), request.requirements(), request.homeVisit(), request.courseId());

        publish(unplannable);

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> {
            assertThat(holdersOf("therapist_days", request.bookingId())).isEmpty();
            assertThat(holdersOf("room_days", request.bookingId())).isEmpty();
        });
        assertThat(TestRecords.find(Topic.BOOKINGS.deadLetterTopicName(),
                record -> request.bookingId().equals(TestRecords.header(record, CloudEventHeaders.SUBJECT)), DECISION_TIMEOUT)).isPresent();
        assertThat(assignmentDocument(request.bookingId()).getString("status")).isEqualTo("PLANNING");
        assertThat(assignmentDocument(request.bookingId()).getInteger("attempt")).isEqualTo(2);
    }

    @Test
    void theOwnersOfWhatStandsInTheWayAreReadAsTheMappingConverterReadsThem() {
        AnnaAndBen salon = annaAndBen("salon");
        Branch branch = salon.branch();
        LocalDate day = daysAhead(branch, 2);
        BookingRequested moving = bookWith(salon.anna(), branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested hotStone = bookWith(salon.ben(), branch, Technique.HOT_STONE, at(branch, day, "10:00"), 90);
        BookingRequested refused = bookWith(salon.anna(), branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested planning = requested(branch, Technique.SWEDISH, at(branch, day, "14:00"), 60);
        holdLikeACrashedAttempt(planning, salon.anna(), branch, 1);
        assertThat(assignments.claimMove(moving.bookingId(), new AssignmentRecord.Move("REASSIGN", null, clock.instant()),
                Duration.ofMinutes(1))).isPresent();
        List<String> ids = List.of(moving.bookingId(), hotStone.bookingId(), refused.bookingId(), planning.bookingId(), freshId("unknown"));
        Query projected = new Query(Criteria.where("_id").in(ids));
        projected.fields().include("status", "attempt", "reservation", "move");

        List<AssignmentRecord> mapped = mongo.find(projected, AssignmentRecord.class, Assignments.COLLECTION);

        assertThat(mapped).extracting(AssignmentRecord::status).containsExactlyInAnyOrder(AssignmentStatus.ASSIGNED,
                AssignmentStatus.ASSIGNED, AssignmentStatus.REJECTED, AssignmentStatus.PLANNING);
        assertThat(mapped).filteredOn(record -> record.status() == AssignmentStatus.ASSIGNED)
                .allSatisfy(record -> assertThat(record.reservation().holdings()).hasSizeGreaterThanOrEqualTo(2))
                .anySatisfy(record -> assertThat(record.reservation().equipmentIds()).containsExactly("heater-1"))
                .anySatisfy(record -> assertThat(record.move()).isNotNull());
        assertThat(assignments.holders(ids)).containsExactlyInAnyOrderElementsOf(mapped);
    }

    private void holdLikeACrashedAttempt(BookingRequested request, Therapist therapist, Branch branch, int attempt) {
        assertThat(Attempts.diedHolding(assignments, reservations, request, branch, therapist, "table-1")).isEqualTo(attempt);
    }
}
