package app.sabai.contracts;

import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.contracts.values.RejectionReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractTest {

    @Test
    void everyTopicFamilyIsSealedAndEveryEventHasALogicalTypeNamedAfterItsTopic() {
        assertThat(EventTypes.all().values()).extracting(Class::getSimpleName).containsExactlyInAnyOrder(
                "BookingRequested", "BookingConfirmed", "BookingRejected", "BookingCancelled",
                "BookingRescheduleRequested", "BookingRescheduled", "BookingCompleted", "BookingNoShow",
                "BookingNeedsAttention", "BookingTherapistChanged", "BookingOffered", "CourseDecided", "BookingCustomerErased",
                "TherapistAssigned", "AssignmentRejected", "TherapistReassigned", "ReassignmentFailed",
                "SlotReleased", "TherapistAbsenceRecorded", "TherapistAbsenceWithdrawn", "TherapistRosterChanged",
                "SessionRescheduled", "RescheduleRefused",
                "ReminderScheduled", "ReminderCancelled", "NotificationSent", "NotificationFailed",
                "BranchCatalogued", "TherapistProfiled");
        EventTypes.all().forEach((type, eventClass) -> {
            Topic topic = Topic.carrying(eventClass);
            assertThat(type).isEqualTo(topic.topicName() + "." + eventClass.getSimpleName() + ".v1");
            assertThat(eventClass.isRecord()).as(type).isTrue();
        });
        for (Topic topic : Topic.values()) {
            assertThat(topic.family().isSealed()).as(topic.name()).isTrue();
        }
    }

    @Test
    void everyEventSurvivesAJsonRoundTrip() {
        EventTypes.all().forEach((type, eventClass) -> {
            SabaiEvent event = SampleEvents.sample(eventClass);
            String json = SabaiJson.mapper().writeValueAsString(event);
            SabaiEvent read = SabaiJson.mapper().readValue(json, eventClass);
            assertThat(read).as(type).isEqualTo(event);
            assertThat(json).as(type).doesNotContain("@class").doesNotContain("app.sabai");
        });
    }

    @Test
    void readersIgnoreFieldsAndEnumValuesAddedByANewerWriter() {
        BookingConfirmed event = (BookingConfirmed) SampleEvents.sample(BookingConfirmed.class);
        ObjectNode json = SabaiJson.mapper().valueToTree(event);
        json.put("loyaltyTier", "GOLD");
        json.put("technique", "BAMBOO_MASSAGE");

        BookingConfirmed read = SabaiJson.mapper().treeToValue(json, BookingConfirmed.class);

        assertThat(read.bookingId()).isEqualTo(event.bookingId());
        assertThat(read.technique()).isNull();
        assertThat(SabaiJson.mapper().readValue("\"FULL_MOON\"", RejectionReason.class)).isEqualTo(RejectionReason.OTHER);
    }

    @Test
    void aRosterChangeWrittenBeforeOpenedTimeWasAddedReadsAsOpeningNone() {
        TherapistRosterChanged event = (TherapistRosterChanged) SampleEvents.sample(TherapistRosterChanged.class);
        ObjectNode json = SabaiJson.mapper().valueToTree(event);
        assertThat(json.get("opened").get(0).get("from").asString()).isEqualTo("2026-12-01T10:00:00Z");
        json.remove("opened");

        TherapistRosterChanged read = SabaiJson.mapper().treeToValue(json, TherapistRosterChanged.class);

        assertThat(read.opened()).isEmpty();
        assertThat(read.strandedBookingIds()).isEqualTo(event.strandedBookingIds());
    }

    @Test
    void timesAreWrittenAsIsoStrings() {
        BookingConfirmed event = (BookingConfirmed) SampleEvents.sample(BookingConfirmed.class);
        ObjectNode json = SabaiJson.mapper().valueToTree(event);
        assertThat(json.get("start").asString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(json.get("zone").asString()).isEqualTo("Europe/London");
    }

    @Test
    void headersFollowTheCloudEventsBinaryMode() {
        BookingEvent event = (BookingEvent) SampleEvents.sample(BookingConfirmed.class);
        TraceParent trace = TraceParent.newRoot();

        Map<String, String> headers = CloudEventHeaders.of(event, CloudEventHeaders.sourceOf("booking-service"), trace);

        assertThat(headers)
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", event.eventId().toString())
                .containsEntry("ce_type", "sabai.bookings.BookingConfirmed.v1")
                .containsEntry("ce_source", "/sabai/booking-service")
                .containsEntry("ce_subject", event.bookingId())
                .containsEntry("ce_time", "2026-12-01T10:00:00Z")
                .containsEntry("traceparent", trace.toString());
        assertThat(event.key()).isEqualTo(event.branchId());
    }

    @Test
    void unknownTypesAreEmptyAndTopicsResolveByNameOrDeadLetterName() {
        assertThat(EventTypes.classOf("sabai.bookings.BookingConfirmed.v2")).isEmpty();
        assertThat(EventTypes.classOf("sabai.bookings.BookingConfirmed.v1")).contains(BookingConfirmed.class);
        assertThat(Topic.named("sabai.bookings-dlt")).isEqualTo(Topic.BOOKINGS);
        assertThatThrownBy(() -> Topic.named("sabai.unknown")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void traceParentsParseAndKeepTheirTraceAcrossHops() {
        TraceParent root = TraceParent.newRoot();
        TraceParent parsed = TraceParent.parse(root.toString()).orElseThrow();
        assertThat(parsed).isEqualTo(root);
        assertThat(root.child().traceId()).isEqualTo(root.traceId());
        assertThat(root.child().parentId()).isNotEqualTo(root.parentId());
        assertThat(TraceParent.parse("00-" + "0".repeat(32) + "-" + "1".repeat(16) + "-01")).isEmpty();
        assertThat(TraceParent.parse("garbage")).isEmpty();
    }
}
