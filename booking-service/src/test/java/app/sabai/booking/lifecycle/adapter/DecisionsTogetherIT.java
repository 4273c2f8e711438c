package app.sabai.booking.lifecycle.adapter;

import app.sabai.booking.lifecycle.BookingStatus;
import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.support.kafka.EventHandler;
import app.sabai.support.testing.Race;
import app.sabai.support.testing.TestRecords;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions about several bookings that come in one poll: read in one request, each decided in its own record's trace,
 * written in one request; one whose booking changed between the read and the write is decided again alone.
 */
class DecisionsTogetherIT extends ServiceIntegrationTest {

    @Autowired
    AssignmentListener listener;
    @Autowired
    Bookings bookings;
    @Autowired
    Tracer tracer;

    @Test
    void decisionsAboutSeveralBookingsAreWrittenTogetherAndEachGoesOnInItsOwnTrace() {
        String first = api.requestABooking(branchId);
        String second = api.requestABooking(branchId);
        String refused = api.requestABooking(branchId);
        TherapistAssigned firstAssigned = AssignmentEvents.assigned(first, branchId, "t-nok", "Nok");
        Traced firstHeard = heard(firstAssigned);
        Traced secondHeard = heard(AssignmentEvents.assigned(second, branchId, "t-mali", "Mali"));
        Traced refusedHeard = heard(rejected(refused));
        String unknown = "no-such-booking-" + UUID.randomUUID();

        // The same decision again ends the row: it is handled after the row's write, and finds itself applied.
        listener.handle(List.<EventHandler.Heard<AssignmentEvent>>of(firstHeard, secondHeard, heard(AssignmentEvents.assigned(unknown, branchId, "t-nok", "Nok")),
                refusedHeard, heard(firstAssigned)));

        assertThat(api.booking(first).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(api.booking(second).get("therapist").get("name").asString()).isEqualTo("Mali");
        assertThat(api.booking(refused).get("rejection").get("reason").asString()).isEqualTo("NO_THERAPIST_AVAILABLE");
        assertThat(traceIdOf(BookingEvents.awaitRecord(BookingConfirmed.class, first))).isEqualTo(firstHeard.traceId());
        assertThat(traceIdOf(BookingEvents.awaitRecord(BookingConfirmed.class, second))).isEqualTo(secondHeard.traceId());
        assertThat(traceIdOf(BookingEvents.awaitRecord(BookingRejected.class, refused))).isEqualTo(refusedHeard.traceId());
        assertThat(stored(first).getList("appliedEventIds", String.class)).containsOnlyOnce(firstAssigned.eventId().toString());
        assertThat(BookingEvents.all(BookingConfirmed.class, first, Duration.ofSeconds(2))).hasSize(1);
        assertThat(mongo.findById(unknown, Document.class, Bookings.COLLECTION)).isNull();
        for (String id : List.of(first, second, refused)) {
            assertThat(stored(id).get("awaitingDecisionSince")).as("no longer waiting for a decision").isNull();
            assertThat(stored(id).getList("outbox", Document.class)).as("nothing left to publish").satisfiesAnyOf(
                    entries -> assertThat(entries).isNull(), entries -> assertThat(entries).isEmpty());
        }
    }

    @Test
    void aDecisionWhoseBookingChangedAfterTheRowWasReadIsDecidedAgainOnWhatTheBookingBecame() {
        String cancelledMeanwhile = api.requestABooking(branchId);
        String confirmed = api.requestABooking(branchId);
        TherapistAssigned tooLate = AssignmentEvents.assigned(cancelledMeanwhile, branchId, "t-nok", "Nok");
        // The row is read before any event is decided: the customer cancels while the second event is decided.
        Traced cancelsTheFirst = heard(AssignmentEvents.assigned(confirmed, branchId, "t-mali", "Mali"))
                .first(() -> assertThat(api.cancel(cancelledMeanwhile, "plans changed").statusCode()).isEqualTo(200));

        listener.handle(List.<EventHandler.Heard<AssignmentEvent>>of(heard(tooLate), cancelsTheFirst));

        assertThat(api.booking(confirmed).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(api.booking(cancelledMeanwhile).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(stored(cancelledMeanwhile).getList("appliedEventIds", String.class)).doesNotContain(tooLate.eventId().toString());
        assertThat(BookingEvents.all(BookingConfirmed.class, cancelledMeanwhile, Duration.ofSeconds(1))).isEmpty();
        assertThat(BookingEvents.all(BookingConfirmed.class, confirmed, Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void aWriteOfSeveralAnswersTheBookingsItChangedAndThoseWhoseEventWasAppliedMeanwhile() {
        String stillRequested = api.requestABooking(branchId);
        String cancelledMeanwhile = api.requestABooking(branchId);
        String appliedMeanwhile = api.requestABooking(branchId);
        TherapistAssigned twice = AssignmentEvents.assigned(appliedMeanwhile, branchId, "t-nok", "Nok");
        Bookings.GuardedChange alreadyWritten = confirmation(appliedMeanwhile, twice.eventId());
        Bookings.GuardedChange again = confirmation(appliedMeanwhile, twice.eventId());
        Bookings.GuardedChange toCancelled = confirmation(cancelledMeanwhile, UUID.randomUUID());
        Bookings.GuardedChange toRequested = confirmation(stillRequested, UUID.randomUUID());
        assertThat(bookings.applyOnce(alreadyWritten)).isTrue();
        mongo.updateFirst(new Query(Criteria.where("_id").is(cancelledMeanwhile)), new Update().set("status", "CANCELLED"), Bookings.COLLECTION);

        assertThat(bookings.applyOnce(List.of(toRequested, toCancelled, again))).containsExactlyInAnyOrder(stillRequested, appliedMeanwhile);

        assertThat(stored(stillRequested).getString("status")).isEqualTo("CONFIRMED");
        assertThat(stored(cancelledMeanwhile).getString("status")).isEqualTo("CANCELLED");
        assertThat(stored(cancelledMeanwhile).getList("appliedEventIds", String.class)).doesNotContain(toCancelled.eventId().toString());
        assertThat(stored(appliedMeanwhile).getList("appliedEventIds", String.class)).containsOnlyOnce(twice.eventId().toString());
        assertThat(stored(appliedMeanwhile).getLong("revision")).as("changed by the first write alone").isEqualTo(stored(stillRequested).getLong("revision"));
    }

    @Test
    void confirmationsWrittenTogetherRaceCustomersCancellingAndEveryBookingEndsCancelledWithEachEventAppliedOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        List<EventHandler.Heard<AssignmentEvent>> row = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = api.requestABooking(branchId);
            ids.add(id);
            row.add(heard(AssignmentEvents.assigned(id, branchId, "t-nok", "Nok")));
        }
        List<Callable<HttpResponse<String>>> racers = new ArrayList<>();
        ids.forEach(id -> racers.add(() -> api.cancel(id, "plans changed")));
        racers.add(() -> {
            listener.handle(row);
            return null;
        });

        List<HttpResponse<String>> cancellations = Race.atOnce(racers).subList(0, ids.size());

        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            HttpResponse<String> cancelled = cancellations.get(i);
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            Document stored = stored(id);
            assertThat(stored.getString("status")).isEqualTo(BookingStatus.CANCELLED.name());
            String assigned = row.get(i).event().eventId().toString();
            assertThat(stored.getList("appliedEventIds", String.class)).as("applied at most once").filteredOn(assigned::equals).hasSizeLessThan(2);
            List<ConsumerRecord<String, byte[]>> confirmations = BookingEvents.all(BookingConfirmed.class, id, Duration.ofMillis(200));
            assertThat(confirmations).as("confirmed at most once").hasSizeLessThan(2);
        }
    }

    private Bookings.GuardedChange confirmation(String bookingId, UUID eventId) {
        return bookings.guarded(bookingId, BookingStatus.REQUESTED, eventId, new Update().set("status", "CONFIRMED"), List.of());
    }

    private AssignmentRejected rejected(String bookingId) {
        return new AssignmentRejected(UUID.randomUUID(), Instant.now(), bookingId, branchId, RejectionReason.NO_THERAPIST_AVAILABLE,
                "Every Thai-trained therapist is booked at that time", List.of(), null);
    }

    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        return TraceParent.parse(TestRecords.header(record, CloudEventHeaders.TRACEPARENT)).orElseThrow().traceId();
    }

    private Traced heard(AssignmentEvent event) {
        return new Traced(event, tracer.nextSpan().name("record of " + event.eventId()).start(), tracer, new AtomicReference<>());
    }

    /** An event as its record would hand it over: with a trace of its own, which every piece of its work runs in. */
    private record Traced(AssignmentEvent event, Span span, Tracer tracer, AtomicReference<Runnable> beforeFirstWork)
            implements EventHandler.Heard<AssignmentEvent> {

        String traceId() {
            return span.context().traceId();
        }

        /** Runs {@code change} before the first piece of this event's work. */
        Traced first(Runnable change) {
            beforeFirstWork.set(change);
            return this;
        }

        @Override
        public <T> T inTrace(Supplier<T> work) {
            Runnable change = beforeFirstWork.getAndSet(null);
            if (change != null) {
                change.run();
            }
            try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
                return work.get();
            }
        }
    }
}
