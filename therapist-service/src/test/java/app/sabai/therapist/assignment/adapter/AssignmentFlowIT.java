package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.assignments.AssignmentRejected;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.CandidateVerdict;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The assignment flow through Kafka: {@code BookingRequested} in, one decision out. */
class AssignmentFlowIT extends ServiceIntegrationTest {

    @Test
    void aRequestedBookingGetsATherapistARoomAndEquipmentAnnouncedWithCloudEventsHeaders() {
        AnnaAndBen salon = annaAndBen("salon");
        Branch branch = salon.branch();
        BookingRequested request = requested(branch, Technique.HOT_STONE, at(branch, daysAhead(branch, 2), "10:00"), 75);

        publish(request);

        ConsumerRecord<String, byte[]> record = decisionOn(request.bookingId());
        assertThat(TestRecords.header(record, CloudEventHeaders.TYPE)).isEqualTo("sabai.assignments.TherapistAssigned.v1");
        assertThat(TestRecords.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/sabai/therapist-service");
        assertThat(TestRecords.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(UUID.fromString(TestRecords.header(record, CloudEventHeaders.ID))).isNotNull();
        assertThat(record.key()).isEqualTo(branch.id());
        assertThat(TestRecords.header(record, "__TypeId__")).isNull();
        assertThat(traceIdOf(record)).isEqualTo(traceIdOf(requestRecord(request)));

        TherapistAssigned assigned = valueOf(record, TherapistAssigned.class);
        assertThat(assigned.therapistId()).isIn(salon.anna().id(), salon.ben().id());
        assertThat(assigned.roomId()).isIn("table-1", "table-2");
        assertThat(assigned.equipmentIds()).containsExactly("heater-1");
        assertThat(assigned.start()).isEqualTo(request.start());
        assertThat(assigned.end()).isEqualTo(request.end());
        assertThat(assigned.explanation().considered()).extracting(CandidateVerdict::therapistId).containsExactlyInAnyOrder(salon.anna().id(), salon.ben().id());
        assertThat(assigned.explanation().summary()).contains(assigned.therapistName(), "rank 1 of 2", "Stone heater");

        JsonNode view = json(get("/api/assignments/" + request.bookingId()));
        assertThat(view.get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(view.get("therapist").get("id").asString()).isEqualTo(assigned.therapistId());
        assertThat(view.get("explanation").get("considered").size()).isEqualTo(2);
        assertThat(view.get("rejection").isNull()).isTrue();
    }

    @Test
    void aRequestNobodyCanServeIsRejectedWithTheReasonAndTheNearestAlternatives() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist only = Fixtures.therapist(freshId("only"), branch.id()).named("Only One").build();
        seed(branch, List.of(only), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 3);
        BookingRequested first = requested(branch, Technique.SWEDISH, at(branch, day, "11:00"), 60);
        BookingRequested second = requested(branch, Technique.SWEDISH, at(branch, day, "11:00"), 60);

        publish(first);
        publish(second);

        assertThat(TestRecords.header(decisionOn(first.bookingId()), CloudEventHeaders.TYPE)).endsWith("TherapistAssigned.v1");
        ConsumerRecord<String, byte[]> record = decisionOn(second.bookingId());
        assertThat(TestRecords.header(record, CloudEventHeaders.TYPE)).isEqualTo("sabai.assignments.AssignmentRejected.v1");
        AssignmentRejected rejected = valueOf(record, AssignmentRejected.class);
        assertThat(rejected.reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE);
        assertThat(rejected.detail()).contains("off shift or busy", "11:00–12:00");
        assertThat(rejected.explanation().considered()).singleElement()
                .satisfies(verdict -> assertThat(verdict.excludedBy()).isEqualTo("NO_OVERLAP"));
        assertThat(rejected.alternatives()).hasSizeBetween(3, 5);
        assertThat(rejected.alternatives()).extracting(Alternative::start).doesNotHaveDuplicates()
                .doesNotContain(second.start())
                .allSatisfy(start -> assertThat(start).isAfter(Instant.now()));
        // Nearest first, the earlier of two equally near: ending as the first booking starts, or starting
        // after its changeover; both are 75 minutes from the requested start.
        assertThat(rejected.alternatives()).extracting(Alternative::start)
                .startsWith(at(branch, day, "09:45"), at(branch, day, "12:15"), at(branch, day, "09:30"));
        assertThat(rejected.alternatives()).allSatisfy(alternative -> {
            assertThat(alternative.therapistId()).isEqualTo(only.id());
            assertThat(alternative.therapistName()).isEqualTo("Only One");
            assertThat(Duration.between(alternative.start(), alternative.end())).isEqualTo(Duration.ofMinutes(60));
        });

        JsonNode view = json(get("/api/assignments/" + second.bookingId()));
        assertThat(view.get("status").asString()).isEqualTo("REJECTED");
        assertThat(view.get("rejection").get("reason").asString()).isEqualTo("NO_THERAPIST_AVAILABLE");
        assertThat(view.get("rejection").get("alternatives").size()).isEqualTo(rejected.alternatives().size());
        assertThat(view.get("therapist").isNull()).isTrue();
    }

    @Test
    void aRedeliveredRequestChangesNothing() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        seed(branch, List.of(Fixtures.therapist(freshId("anna"), branch.id()).build(),
                Fixtures.therapist(freshId("ben"), branch.id()).build()), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 4);
        BookingRequested request = requested(branch, Technique.THAI, at(branch, day, "10:00"), 60);
        publish(request);
        String firstTherapist = valueOf(decisionOn(request.bookingId()), TherapistAssigned.class).therapistId();

        publish(request);
        // The branch's requests share a partition and are processed in order: once a later one is
        // decided, the redelivered request has been processed too.
        BookingRequested later = requested(branch, Technique.SWEDISH, at(branch, day, "14:00"), 60);
        publish(later);
        decisionOn(later.bookingId());

        Document assignment = assignmentDocument(request.bookingId());
        assertThat(assignment.getString("status")).isEqualTo("ASSIGNED");
        assertThat(assignment.getInteger("attempt")).isEqualTo(1);
        assertThat(assignment.get("reservation", Document.class).getString("therapistId")).isEqualTo(firstTherapist);
        assertThat(sessionsOf("therapist_days", request.bookingId())).hasSize(1);
        assertThat(sessionsOf("room_days", request.bookingId())).hasSize(1);
        assertThat(TestRecords.all(Topic.ASSIGNMENTS.topicName(),
                record -> request.bookingId().equals(TestRecords.header(record, CloudEventHeaders.SUBJECT)), Duration.ofSeconds(3)))
                .hasSize(1);
    }

    @Test
    void aSessionOutsideTheOpeningHoursIsRejectedWithAlternativesInside() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        seed(branch, List.of(Fixtures.therapist(freshId("anna"), branch.id()).build()), "13:00", "21:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested request = requested(branch, Technique.SWEDISH, at(branch, day, "20:30"), 60);

        publish(request);

        AssignmentRejected rejected = valueOf(decisionOn(request.bookingId()), AssignmentRejected.class);
        assertThat(rejected.reason()).isEqualTo(RejectionReason.OUTSIDE_OPENING_HOURS);
        assertThat(rejected.detail()).contains("09:00–21:00");
        assertThat(rejected.alternatives()).extracting(Alternative::start)
                .startsWith(at(branch, day, "20:00"), at(branch, day, "19:45"), at(branch, day, "19:30"));
    }

    @Test
    void aRequestForAnUnknownBranchIsRejectedRatherThanLeftWaiting() {
        Branch nowhere = Fixtures.salon(freshId("nowhere")).build();
        BookingRequested request = requested(nowhere, Technique.SWEDISH, Instant.now().plus(Duration.ofDays(2)), 60);

        publish(request);

        AssignmentRejected rejected = valueOf(decisionOn(request.bookingId()), AssignmentRejected.class);
        assertThat(rejected.reason()).isEqualTo(RejectionReason.NO_QUALIFIED_THERAPIST);
        assertThat(rejected.detail()).contains(nowhere.id());
        assertThat(rejected.alternatives()).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> requestRecord(BookingRequested request) {
        return TestRecords.find(Topic.BOOKINGS.topicName(),
                record -> request.eventId().toString().equals(TestRecords.header(record, CloudEventHeaders.ID)), DECISION_TIMEOUT).orElseThrow();
    }

    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        return TraceParent.parse(TestRecords.header(record, CloudEventHeaders.TRACEPARENT)).orElseThrow().traceId();
    }
}
