package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.contracts.values.AssignmentExplanation;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.support.kafka.EventHandler;
import app.sabai.support.testing.StoreCounters;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.assignment.AssignmentRecord;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.schedule.adapter.SnapshotLoader;
import app.sabai.therapist.schedule.adapter.StoredDays;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Requests for different bookings from one poll: planned and placed one after another, each in its record's trace,
 * their decisions written in one request; a decision whose attempt was overtaken is not counted as written.
 */
class RequestsTogetherIT extends ServiceIntegrationTest {

    @Autowired
    AssignmentService service;
    @Autowired
    Assignments assignments;
    @Autowired
    Tracer tracer;
    @Autowired
    Continuity continuity;

    @Test
    void requestsForDifferentBookingsAreDecidedTogetherAndEachDecisionGoesOnInItsRequestsTrace() {
        Branch branch = Fixtures.salon(freshId("rows")).build();
        List<Therapist> team = List.of(Fixtures.therapist(freshId("anna"), branch.id()).build(),
                Fixtures.therapist(freshId("ben"), branch.id()).build());
        seed(branch, team, "09:00", "17:00");
        LocalDate day = daysAhead(branch, 4);
        List<Traced> row = List.of(traced(requested(branch, Technique.SWEDISH, at(branch, day, "10:00"), 60)),
                traced(requested(branch, Technique.SWEDISH, at(branch, day, "10:30"), 60)),
                traced(requested(branch, Technique.SWEDISH, at(branch, day, "10:15"), 60)));

        service.handleTogether(List.copyOf(row));

        List<String> statuses = row.stream().map(traced -> assignmentDocument(traced.event().bookingId()).getString("status")).toList();
        assertThat(statuses).as("two therapists, three overlapping sessions: the first two placed, the third refused")
                .containsExactly("ASSIGNED", "ASSIGNED", "REJECTED");
        assertNoOverlaps(branch, team, day);
        for (Traced traced : row) {
            String traceparent = TestRecords.header(decisionOn(traced.event().bookingId()), CloudEventHeaders.TRACEPARENT);
            assertThat(TraceParent.parse(traceparent).orElseThrow().traceId()).as(traced.event().bookingId()).isEqualTo(traced.traceId());
            Document decided = assignmentDocument(traced.event().bookingId());
            assertThat(decided.getInteger("decidedAttempt")).isEqualTo(decided.getInteger("attempt"));
        }
    }

    @Test
    void aRowIsClaimedFiledAndDecidedWithARequestEachNotARequestPerBooking() {
        Branch branch = Fixtures.salon(freshId("rows")).build();
        List<Therapist> team = List.of(Fixtures.therapist(freshId("anna"), branch.id()).build(),
                Fixtures.therapist(freshId("ben"), branch.id()).build(), Fixtures.therapist(freshId("cara"), branch.id()).build());
        seed(branch, team, "09:00", "17:00");
        LocalDate day = daysAhead(branch, 4);
        List<Traced> row = Stream.of("10:00", "10:00", "10:00", "12:00", "12:00", "12:00", "14:00", "14:00", "14:00")
                .map(time -> traced(requested(branch, Technique.SWEDISH, at(branch, day, time), 60))).toList();
        long writesBefore = StoreCounters.commands(mongo, "update", "findAndModify");

        service.handleTogether(List.copyOf(row));

        assertThat(row).extracting(traced -> assignmentDocument(traced.event().bookingId()).getString("status")).containsOnly("ASSIGNED");
        assertNoOverlaps(branch, team, day);
        assertThat(StoreCounters.commands(mongo, "update", "findAndModify") - writesBefore)
                .as("the claims, the therapists' days, the rooms' days, the decisions and the visits: a request each, and the"
                        + " relay's pulls meanwhile (alone, each booking claims, files twice, is decided and remembered)")
                .isLessThanOrEqualTo(20);
    }

    @Test
    void aBookingWhoseTherapistAnotherInstanceTookMeanwhileGivesBackWhatItGotAndIsPlacedAgainAlone() {
        Branch branch = Fixtures.salon(freshId("rows")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 4);
        Interval window = SnapshotLoader.window(branch, List.of(day));
        Resource annasDay = Resource.therapist(anna.id());
        reservations.fromView(SnapshotLoader.resources(branch, List.of(anna, ben)), window);
        String elsewhere = heldByAnotherInstance(anna, branch, at(branch, day, "14:00"), 60);
        assertThat(reservations.fromView(List.of(annasDay), window).sessions(annasDay)).as("this instance has not heard of it").isEmpty();
        BookingRequested taken = requested(branch, Technique.THAI, at(branch, day, "14:00"), 60);
        BookingRequested free = requested(branch, Technique.THAI, at(branch, day, "11:00"), 60);

        service.handleTogether(List.of(traced(taken), traced(free)));

        assertThat(assignmentDocument(taken.bookingId()).getString("status")).as("only anna does Thai, and she is taken then")
                .isEqualTo("REJECTED");
        assertThat(sessionsOf("therapist_days", taken.bookingId())).isEmpty();
        assertThat(sessionsOf("room_days", taken.bookingId())).as("the room it got in the row, given back").isEmpty();
        assertThat(assignmentDocument(free.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        assertThat(therapistOf(free.bookingId())).isEqualTo(anna.id());
        assertThat(sessionsOf("therapist_days", elsewhere)).hasSize(1);
        assertNoOverlaps(branch, List.of(anna, ben), day);
    }

    @Test
    void aBookingPlacedAgainWhoseRefusalMustWaitFailsAloneAndHoldsNothingWhileTheRestOfItsRowIsDecided() {
        Branch branch = Fixtures.salon(freshId("rows")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 4);
        reservations.fromView(SnapshotLoader.resources(branch, List.of(anna)), SnapshotLoader.window(branch, List.of(day)));
        inFlightAtAnotherInstance(anna, branch, at(branch, day, "14:00"), 60);
        BookingRequested taken = requested(branch, Technique.THAI, at(branch, day, "14:00"), 60);
        BookingRequested free = requested(branch, Technique.THAI, at(branch, day, "11:00"), 60);
        // Planned after the row took anna at 14:00, so its first plan is infeasible and the row is filed before it.
        BookingRequested alsoAtTwo = requested(branch, Technique.THAI, at(branch, day, "14:00"), 60);

        assertThatThrownBy(() -> service.handleTogether(List.of(traced(taken), traced(free), traced(alsoAtTwo))))
                .as("anna is still being decided elsewhere: the request is retried").isInstanceOf(IllegalStateException.class);

        assertThat(assignmentDocument(free.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        assertThat(List.of(taken, alsoAtTwo)).extracting(request -> assignmentDocument(request.bookingId()).getString("status"))
                .as("neither decided, the first not on what it gave back").containsOnly("PLANNING");
        assertThat(sessionsOf("therapist_days", taken.bookingId())).isEmpty();
        assertThat(sessionsOf("room_days", taken.bookingId())).isEmpty();
    }

    @Test
    void aRowKeepsTheTherapistsRememberedAndThoseItGivesAndRemembersThemAfterwards() {
        AnnaAndBen salon = annaAndBen("rows");
        Branch branch = salon.branch();
        LocalDate day = daysAhead(branch, 4);
        BookingRequested morning = requested(branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested afternoon = withCustomerOf(morning, requested(branch, Technique.SWEDISH, at(branch, day, "14:00"), 60));
        BookingRequested returning = requested(branch, Technique.SWEDISH, at(branch, day, "16:00"), 60);
        continuity.remember(returning.customer().email(), null, salon.anna().id(), Instant.now());

        service.handleTogether(List.of(traced(morning), traced(afternoon), traced(returning)));

        assertThat(List.of(morning, afternoon, returning)).extracting(request -> therapistOf(request.bookingId()))
                .as("equal otherwise, anna first by name; then the customer's first therapist again, though ben has less to do;"
                        + " then the therapist remembered before the row")
                .containsExactly(salon.anna().id(), salon.anna().id(), salon.anna().id());
        assertThat(continuity.hintsFor(List.of(new Continuity.Visitor(morning.customer().email(), null)))
                .previousTherapist(new Continuity.Visitor(morning.customer().email(), null))).contains(salon.anna().id());
        assertNoOverlaps(branch, salon.team(), day);
    }

    @Test
    void aRequestThatCannotBePlannedEndsTheRowOnceTheDecisionsPlannedBeforeItAreWritten() {
        Branch branch = Fixtures.salon(freshId("rows")).build();
        seed(branch, List.of(Fixtures.therapist(freshId("anna"), branch.id()).build()), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 4);
        BookingRequested before = requested(branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested complete = requested(branch, Technique.SWEDISH, at(branch, day, "14:00"), 60);
        BookingRequested withoutTechnique = new BookingRequested(UUID.randomUUID(), Instant.now(), complete.bookingId() + "-x",
                branch.id(), null, 60, complete.start(), complete.end(), branch.zone(), complete.customer(), complete.preferences(),
                List.of(), complete.requirements(), null, null);

        assertThatThrownBy(() -> service.handleTogether(List.of(traced(before), traced(withoutTechnique), traced(complete))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks bookingId, branchId, technique");

        assertThat(assignmentDocument(before.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        assertThat(assignmentDocument(withoutTechnique.bookingId())).isNull();
        assertThat(assignmentDocument(complete.bookingId())).as("after the failure: left to the error handler's retries").isNull();
    }

    @Test
    void decisionsWrittenTogetherAnswerOnlyThoseTheirOwnAttemptWrote() {
        Branch branch = Fixtures.salon(freshId("rows")).build();
        LocalDate day = daysAhead(branch, 4);
        BookingRequested current = requested(branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested claimedAgain = requested(branch, Technique.SWEDISH, at(branch, day, "11:00"), 60);
        BookingRequested decidedByLaterAttempt = requested(branch, Technique.SWEDISH, at(branch, day, "12:00"), 60);
        for (BookingRequested request : List.of(current, claimedAgain, decidedByLaterAttempt)) {
            assertThat(assignments.openAndClaim(request, Instant.now())).hasValue(1);
        }
        Assignments.Decision first = rejection(current, 1);
        Assignments.Decision overtaken = rejection(claimedAgain, 1);
        Assignments.Decision late = rejection(decidedByLaterAttempt, 1);
        assertThat(assignments.claim(claimedAgain.bookingId())).hasValue(2);
        assertThat(assignments.claim(decidedByLaterAttempt.bookingId())).hasValue(2);
        // Attempt 2 (another instance, the same request) decides first: the request counts as applied, but not by attempt 1.
        assertThat(assignments.decide(rejection(decidedByLaterAttempt, 2))).isTrue();

        assertThat(assignments.decide(List.of(first, overtaken, late))).containsExactly(current.bookingId());

        assertThat(assignmentDocument(current.bookingId()).getString("status")).isEqualTo("REJECTED");
        assertThat(assignmentDocument(claimedAgain.bookingId()).getString("status")).isEqualTo("PLANNING");
        assertThat(assignmentDocument(decidedByLaterAttempt.bookingId()).getInteger("decidedAttempt")).isEqualTo(2);
    }

    /**
     * A booking another instance gave the therapist, as it stands in the store: its session filed and its document assigned,
     * its event not heard here yet.
     */
    private String heldByAnotherInstance(Therapist therapist, Branch branch, Instant start, int minutes) {
        String bookingId = freshId("elsewhere");
        Interval blocked = fileInTheStoreOnly(therapist, branch, bookingId, start, minutes);
        // Written as the store holds a decided booking, without its event (which would bring this instance's copy up to date).
        Document held = new Document("kind", "THERAPIST").append("resourceId", therapist.id()).append("attempt", 1)
                .append("start", Date.from(blocked.start())).append("end", Date.from(blocked.end()));
        mongo.insert(new Document("_id", bookingId).append("branchId", branch.id()).append("status", "ASSIGNED").append("attempt", 1)
                .append("decidedAttempt", 1).append("reservation", new Document("therapistId", therapist.id())
                        .append("blockedStart", Date.from(blocked.start())).append("blockedEnd", Date.from(blocked.end()))
                        .append("holdings", List.of(held))), "assignments");
        return bookingId;
    }

    /** As {@link #heldByAnotherInstance}, with the other instance still deciding: the booking claimed, planning under attempt 1. */
    private void inFlightAtAnotherInstance(Therapist therapist, Branch branch, Instant start, int minutes) {
        BookingRequested elsewhere = requested(branch, Technique.THAI, start, minutes);
        assertThat(assignments.openAndClaim(elsewhere, Instant.now())).hasValue(1);
        fileInTheStoreOnly(therapist, branch, elsewhere.bookingId(), start, minutes);
    }

    /** The booking's session filed on the therapist under attempt 1, in the store only; answers its blocked time. */
    private Interval fileInTheStoreOnly(Therapist therapist, Branch branch, String bookingId, Instant start, int minutes) {
        Interval session = new Interval(start, start.plus(Duration.ofMinutes(minutes)));
        Interval blocked = branch.blockedFor(session);
        StoredDays.fileInTheStoreOnly(mongo, Resource.therapist(therapist.id()), BookedSession.of(bookingId, 1, branch.id(), blocked, session));
        return blocked;
    }

    private Assignments.Decision rejection(BookingRequested request, int attempt) {
        Instant now = Instant.now();
        AssignmentExplanation explanation = new AssignmentExplanation(List.of(), "nobody is free");
        return assignments.rejecting(request.bookingId(), attempt,
                new AssignmentRecord.Rejection(RejectionReason.NO_THERAPIST_AVAILABLE, "nobody is free", List.of()), explanation,
                new AssignmentRejected(UUID.randomUUID(), now, request.bookingId(), request.branchId(), RejectionReason.NO_THERAPIST_AVAILABLE,
                        "nobody is free", List.of(), explanation), request, now);
    }

    private String therapistOf(String bookingId) {
        return assignmentDocument(bookingId).get("reservation", Document.class).getString("therapistId");
    }

    /** {@code request}, made by the customer of {@code other}. */
    private static BookingRequested withCustomerOf(BookingRequested other, BookingRequested request) {
        return new BookingRequested(request.eventId(), request.occurredAt(), request.bookingId(), request.branchId(), request.technique(),
                request.durationMinutes(), request.start(), request.end(), request.zone(), other.customer(), request.preferences(),
                request.bodyAreas(), request.requirements(), request.homeVisit(), request.courseId(), request.waitlistId(),
                request.offerExpiresAt());
    }

    private Traced traced(BookingRequested request) {
        return new Traced(request, tracer.nextSpan().name("record of " + request.eventId()).start(), tracer);
    }

    /** A request as its record would hand it over: with a trace of its own, which every piece of its work runs in. */
    private record Traced(BookingRequested event, Span span, Tracer tracer) implements EventHandler.Heard<BookingRequested> {

        String traceId() {
            return span.context().traceId();
        }

        @Override
        public <T> T inTrace(Supplier<T> work) {
            try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
                return work.get();
            }
        }
    }
}
