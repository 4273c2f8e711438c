package app.sabai.booking.course;

import app.sabai.booking.testing.AssignmentEvents;
import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.booking.testing.TestBranches;
import app.sabai.contracts.assignments.TherapistAssigned;
import app.sabai.contracts.bookings.BookingCancelled;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingRejected;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.sabai.booking.testing.AssignmentEvents.publish;
import static app.sabai.booking.testing.RequestBodies.list;
import static app.sabai.booking.testing.RequestBodies.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Courses: sessions on the weekdays asked for, each a booking with the course's id, decided by therapist-service one by
 * one (as it would: the course's therapist again for each), the course summary sent once when the last is decided;
 * sessions the intake declines at once; the course cancelled session by session with the branch's fees.
 */
class CourseIT extends ServiceIntegrationTest {

    @Test
    void aCourseIsDecidedSessionBySessionWithTheSameTherapistAndTheSummaryIsSentOnce() {
        RequestBodies body = RequestBodies.aCourse(branchId);
        HttpResponse<String> response = api.postBody("/api/courses", body, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = BookingApi.json(response);
        String courseId = created.get("id").asString();
        assertThat(response.headers().firstValue("Location")).contains("/api/courses/" + courseId);
        assertThat(created.get("status").asString()).isEqualTo("DECIDING");
        JsonNode sessions = created.get("sessions");
        assertThat(sessions.size()).isEqualTo(6);
        LocalDate firstDate = LocalDate.parse(body.asMap().get("firstDate").toString());
        List<LocalDate> expectedDates = expectedDates(firstDate, List.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), 6);
        List<String> bookingIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode session = sessions.get(i);
            bookingIds.add(session.get("bookingId").asString());
            assertThat(session.get("status").asString()).isEqualTo("REQUESTED");
            assertThat(session.get("therapist").isNull()).isTrue();
            assertThat(session.get("rejection").isNull()).isTrue();
            assertThat(LocalDateTime.parse(session.get("startLocal").asString())).isEqualTo(expectedDates.get(i).atTime(11, 0));
            assertThat(Instant.parse(session.get("start").asString()))
                    .isEqualTo(expectedDates.get(i).atTime(11, 0).atZone(TestBranches.LONDON).toInstant());
            assertThat(api.booking(bookingIds.get(i)).get("courseId").asString()).isEqualTo(courseId);
        }

        // therapist-service decides each request as it comes, keeping the course with the therapist of its first session.
        List<String> rejected = List.of(bookingIds.get(2), bookingIds.get(4));
        TherapistAssigned firstAssignment = null;
        for (String bookingId : bookingIds) {
            BookingRequested requested = BookingEvents.await(BookingRequested.class, bookingId);
            assertThat(requested.courseId()).as("continuity is by course").isEqualTo(courseId);
            assertThat(requested.waitlistId()).isNull();
            if (rejected.contains(bookingId)) {
                publish(AssignmentEvents.rejected(bookingId, branchId, RejectionReason.NO_THERAPIST_AVAILABLE, "Nok is fully booked",
                        List.of(new Alternative(requested.start().plus(Duration.ofHours(2)), requested.end().plus(Duration.ofHours(2)),
                                "t-nok", "Nok"))));
            } else {
                TherapistAssigned assigned = AssignmentEvents.assignedAt(bookingId, branchId, "t-nok", "Nok", requested.start(),
                        requested.end());
                firstAssignment = firstAssignment == null ? assigned : firstAssignment;
                publish(assigned);
            }
        }

        JsonNode decided = api.awaitCourse(courseId, "DECIDED");
        for (int i = 0; i < 6; i++) {
            JsonNode session = decided.get("sessions").get(i);
            if (rejected.contains(session.get("bookingId").asString())) {
                assertThat(session.get("status").asString()).isEqualTo("REJECTED");
                assertThat(session.get("rejection").get("reason").asString()).isEqualTo("NO_THERAPIST_AVAILABLE");
                assertThat(session.get("rejection").get("alternatives").size()).isEqualTo(1);
                assertThat(session.get("therapist").isNull()).isTrue();
            } else {
                assertThat(session.get("status").asString()).isEqualTo("CONFIRMED");
                assertThat(session.get("therapist").get("id").asString()).isEqualTo("t-nok");
                assertThat(session.get("therapist").get("name").asString()).isEqualTo("Nok");
            }
        }
        assertThat(decided.get("decidedAt").isNull()).isFalse();

        CourseDecided summary = BookingEvents.await(CourseDecided.class, courseId);
        assertThat(summary.courseId()).isEqualTo(courseId);
        assertThat(summary.branchId()).isEqualTo(branchId);
        assertThat(summary.customer().email()).isEqualTo(body.email());
        assertThat(summary.sessions()).extracting(CourseDecided.Session::sessionBookingId).containsExactlyElementsOf(bookingIds);
        assertThat(summary.sessions().stream().filter(session -> session.status().equals("CONFIRMED")))
                .hasSize(4)
                .allSatisfy(session -> assertThat(session.therapistName()).isEqualTo("Nok"));
        assertThat(summary.sessions().stream().filter(session -> session.status().equals("REJECTED")))
                .hasSize(2)
                .allSatisfy(session -> {
                    assertThat(session.reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE);
                    assertThat(session.alternatives()).hasSize(1);
                });
        assertThat(BookingEvents.await(BookingConfirmed.class, bookingIds.get(0)).courseId()).isEqualTo(courseId);
        assertThat(BookingEvents.await(BookingRejected.class, bookingIds.get(2)).courseId()).isEqualTo(courseId);

        // A decision delivered again changes nothing, and the summary is not sent again.
        publish(firstAssignment);
        AssignmentEvents.processedUpToHere(api, branchId);
        assertThat(api.course(courseId)).isEqualTo(decided);
        assertThat(BookingEvents.all(CourseDecided.class, courseId, Duration.ofSeconds(2))).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(mongo.findById(courseId, Document.class, "courses").getList("outbox", Document.class)).isEmpty());
        // The note that the course had an event to publish is forgotten once it is published and settled.
        assertThat(mongo.findById(courseId, Document.class, "course_outbox")).isNotNull();
        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(courseId, Document.class, "course_outbox") == null);
    }

    @Test
    void sessionsTheIntakeDeclinesAreRejectedAtOnceAndTheOthersRequested() {
        LocalDate surgery = LocalDate.now(TestBranches.LONDON).minusWeeks(4);
        RequestBodies body = RequestBodies.aCourse(branchId)
                .with("intake.recentSurgery", map("date", surgery.toString(), "medicalClearance", false));

        JsonNode course = api.createCourse(body);

        LocalDate cleared = surgery.plusWeeks(6);
        int declined = 0;
        for (JsonNode session : course.get("sessions")) {
            boolean withinSixWeeks = LocalDateTime.parse(session.get("startLocal").asString()).toLocalDate().isBefore(cleared);
            assertThat(session.get("status").asString()).isEqualTo(withinSixWeeks ? "REJECTED" : "REQUESTED");
            if (withinSixWeeks) {
                declined++;
                assertThat(session.get("rejection").get("reason").asString()).isEqualTo("INTAKE_DECLINED");
                assertThat(BookingEvents.await(BookingRejected.class, session.get("bookingId").asString()).courseId())
                        .isEqualTo(course.get("id").asString());
            }
        }
        assertThat(declined).isBetween(1, 5);
        assertThat(course.get("status").asString()).isEqualTo("DECIDING");
    }

    @Test
    void aCourseTheIntakeDeclinesWhollyIsDecidedAtOnce() {
        JsonNode course = api.createCourse(RequestBodies.aCourse(branchId).with("sessions", 2)
                .with("intake.conditions", list("SEVERE_PAIN")));

        assertThat(course.get("status").asString()).isEqualTo("DECIDED");
        CourseDecided summary = BookingEvents.await(CourseDecided.class, course.get("id").asString());
        assertThat(summary.sessions()).hasSize(2).allSatisfy(session -> {
            assertThat(session.status()).isEqualTo("REJECTED");
            assertThat(session.reason()).isEqualTo(RejectionReason.INTAKE_DECLINED);
        });
    }

    @Test
    void cancellingACourseCancelsItsFutureSessionsEachWithItsFee() {
        JsonNode course = api.createCourse(RequestBodies.aCourse(branchId).with("sessions", 4));
        String courseId = course.get("id").asString();
        List<String> bookingIds = bookingIdsOf(course);
        for (String bookingId : bookingIds) {
            BookingRequested requested = BookingEvents.await(BookingRequested.class, bookingId);
            publish(AssignmentEvents.assignedAt(bookingId, branchId, "t-nok", "Nok", requested.start(), requested.end()));
        }
        api.awaitCourse(courseId, "DECIDED");
        // The first session is over; the second starts in 23 hours (late: half the price); the rest are free to cancel.
        clock.standAt(startOf(bookingIds.get(1)).minus(Duration.ofHours(23)));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> response = api.postTo("/api/courses/" + courseId + "/cancellation", "{\"reason\":\"Moving away\"}", key);
        HttpResponse<String> again = api.postTo("/api/courses/" + courseId + "/cancellation", "{\"reason\":\"Moving away\"}", key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(response.body());
        JsonNode cancelled = BookingApi.json(response);
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancellation").get("reason").asString()).isEqualTo("Moving away");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        cancelled.get("sessions").forEach(session -> byId.put(session.get("bookingId").asString(), session));
        assertThat(byId.get(bookingIds.get(0)).get("status").asString()).as("over already").isEqualTo("CONFIRMED");
        JsonNode late = byId.get(bookingIds.get(1));
        assertThat(late.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(late.get("cancellation").get("late").asBoolean()).isTrue();
        assertThat(late.get("cancellation").get("fee").get("amountMinor").asLong()).isEqualTo(3000);
        for (String free : bookingIds.subList(2, 4)) {
            assertThat(byId.get(free).get("status").asString()).isEqualTo("CANCELLED");
            assertThat(byId.get(free).get("cancellation").get("late").asBoolean()).isFalse();
        }
        BookingCancelled event = BookingEvents.await(BookingCancelled.class, bookingIds.get(1));
        assertThat(event.courseId()).isEqualTo(courseId);
        assertThat(event.cancelledBy()).isEqualTo("CUSTOMER");
        assertThat(event.fee()).isEqualTo(new Money(3000, "GBP"));
        assertThat(event.reason()).isEqualTo("Moving away");
        for (String bookingId : bookingIds.subList(1, 4)) {
            assertThat(BookingEvents.all(BookingCancelled.class, bookingId, Duration.ofSeconds(1))).hasSize(1);
        }
    }

    @Test
    void aCourseCancelledWhileDecidingSendsNoSummary() {
        JsonNode course = api.createCourse(RequestBodies.aCourse(branchId).with("sessions", 2));
        String courseId = course.get("id").asString();

        JsonNode cancelled = BookingApi.json(api.postTo("/api/courses/" + courseId + "/cancellation", null, null));

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("sessions")).allSatisfy(session -> assertThat(session.get("status").asString()).isEqualTo("CANCELLED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Document stored = mongo.findById(courseId, Document.class, "courses");
            assertThat(stored.getList("sessions", Document.class))
                    .allSatisfy(session -> assertThat(session.getString("status")).isEqualTo("CANCELLED"));
        });
        assertThat(BookingEvents.all(CourseDecided.class, courseId, Duration.ofSeconds(2))).isEmpty();
        assertThat(BookingEvents.await(BookingCancelled.class, bookingIdsOf(course).get(0)).courseId()).isEqualTo(courseId);
    }

    @Test
    void theSameCourseRequestWithTheSameKeyMakesOneCourse() {
        RequestBodies body = RequestBodies.aCourse(branchId).with("sessions", 3);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = api.postBody("/api/courses", body, key);
        HttpResponse<String> again = api.postBody("/api/courses", body, key);
        HttpResponse<String> other = api.postBody("/api/courses", body.with("sessions", 2), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(other.statusCode()).isEqualTo(422);
        String customerId = BookingApi.json(first).get("customerId").asString();
        assertThat(BookingApi.json(api.get("/api/customers/" + customerId + "/bookings")).get("totalItems").asInt()).isEqualTo(3);

        clock.advance(Duration.ofHours(25));
        HttpResponse<String> keyUsedAnew = api.postBody("/api/courses", body, key);
        assertThat(keyUsedAnew.statusCode()).as("a key is kept 24 hours").isEqualTo(201);
        assertThat(BookingApi.json(keyUsedAnew).get("id").asString()).isNotEqualTo(BookingApi.json(first).get("id").asString());
    }

    @Test
    void aRetryWithTheSameKeyAfterAFailurePartWayFinishesTheSameCourse() {
        RequestBodies body = RequestBodies.aCourse(branchId).with("sessions", 3);
        String key = UUID.randomUUID().toString();
        crashPoint.armAt("course-session-stored");

        HttpResponse<String> failed = api.postBody("/api/courses", body, key);
        HttpResponse<String> retried = api.postBody("/api/courses", body, key);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        JsonNode course = BookingApi.json(retried);
        List<String> bookingIds = bookingIdsOf(course);
        assertThat(bookingIds).hasSize(3).doesNotHaveDuplicates();
        for (String bookingId : bookingIds) {
            assertThat(api.booking(bookingId).get("status").asString()).isEqualTo("REQUESTED");
            assertThat(BookingEvents.all(BookingRequested.class, bookingId, Duration.ofSeconds(1))).hasSize(1);
        }
        String customerId = course.get("customerId").asString();
        assertThat(BookingApi.json(api.get("/api/customers/" + customerId + "/bookings")).get("totalItems").asInt()).isEqualTo(3);
    }

    @Test
    void aLocalTimeTheClocksSkipOrPassTwiceOnAnyDateNamesTheSession() {
        String alwaysOpen = TestBranches.freshId("always-open");
        TestBranches.catalogue(mongo, TestBranches.anAlwaysOpenBranch(alwaysOpen, TestBranches.LONDON, "GBP", null));
        clock.standAt(Instant.parse("2027-03-01T12:00:00Z"));

        HttpResponse<String> gap = api.postBody("/api/courses", RequestBodies.aCourse(alwaysOpen).with("sessions", 4)
                .with("weekdays", list("SUNDAY")).with("timeLocal", "01:30").with("firstDate", "2027-03-07"), null);

        assertThat(gap.statusCode()).as(gap.body()).isEqualTo(400);
        assertThat(fields(gap)).containsExactly("sessions[3]");
        assertThat(BookingApi.json(gap).get("errors").get(0).get("message").asString()).contains("2027-03-28T01:30", "does not exist");

        clock.standAt(Instant.parse("2027-10-01T12:00:00Z"));
        HttpResponse<String> overlap = api.postBody("/api/courses", RequestBodies.aCourse(alwaysOpen).with("sessions", 2)
                .with("weekdays", list("SUNDAY")).with("timeLocal", "01:30").with("firstDate", "2027-10-24"), null);

        assertThat(overlap.statusCode()).as(overlap.body()).isEqualTo(400);
        assertThat(fields(overlap)).containsExactly("sessions[1]");
        assertThat(BookingApi.json(overlap).get("errors").get(0).get("message").asString()).contains("happens twice");
    }

    @Test
    void everyFieldAtFaultIsNamedAndNothingIsStored() {
        RequestBodies body = RequestBodies.aCourse(branchId).with("sessions", 13).with("weekdays", list("MONDAY", "FUNDAY"))
                .with("timeLocal", "25:00").with("firstDate", "next week").without("intake");

        HttpResponse<String> response = api.postBody("/api/courses", body, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(fields(response)).containsExactlyInAnyOrder("sessions", "weekdays[1]", "timeLocal", "firstDate", "intake");
        assertThat(api.postTo("/api/courses", "{\"branchId\":\"" + branchId + "\",\"sessions\":\"6\"}", null).body())
                .contains("\"field\":\"sessions\"");

        HttpResponse<String> closed = api.postBody("/api/courses", RequestBodies.aCourse(branchId).with("timeLocal", "20:30"), null);
        assertThat(closed.statusCode()).isEqualTo(400);
        assertThat(fields(closed)).containsExactly("sessions[0]", "sessions[1]", "sessions[2]", "sessions[3]", "sessions[4]", "sessions[5]");
        assertThat(api.get("/api/courses/no-such-course").statusCode()).isEqualTo(404);
    }

    private static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        BookingApi.json(response).get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static List<String> bookingIdsOf(JsonNode course) {
        List<String> ids = new ArrayList<>();
        course.get("sessions").forEach(session -> ids.add(session.get("bookingId").asString()));
        return ids;
    }

    private static List<LocalDate> expectedDates(LocalDate first, List<DayOfWeek> days, int count) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate date = first; dates.size() < count; date = date.plusDays(1)) {
            if (days.contains(date.getDayOfWeek())) {
                dates.add(date);
            }
        }
        return dates;
    }
}
