package app.sabai.therapist.absence.adapter;

import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.assignments.TherapistAbsenceRecorded;
import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.absence.Absence;
import app.sabai.therapist.absence.AbsenceReason;
import app.sabai.therapist.absence.AbsenceStatus;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.RoomKind;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A therapist is absent: every booking of theirs in the period is re-planned at once. */
class AbsenceIT extends ServiceIntegrationTest {

    @Autowired
    Absences absences;
    @Autowired
    AbsenceService service;

    /**
     * Twenty bookings on the day. Tara's eight must move: Vic is free in the morning, Wes until his shift ends
     * at 13:00, Uma from noon until hers ends at 15:00, so the 15:00 and 16:00 sessions cannot move.
     */
    @Test
    void aSickDayMovesEveryBookingThatCanMoveAndLeavesTheRestNeedingStaffWithAlternatives() {
        Day day = aBusyDay();

        HttpResponse<String> response = recordAbsence(day, "{\"from\": \"" + day.date + "\", \"to\": \"" + day.date
                + "\", \"reason\": \"SICK\", \"note\": \"called in at 07:30\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode absence = json(response);
        assertThat(absence.get("status").asString()).isEqualTo("RECORDED");
        assertThat(absence.get("summary").get("affected").asInt()).isEqualTo(8);
        assertThat(absence.get("summary").get("moved").asInt()).isEqualTo(6);
        assertThat(absence.get("summary").get("needingAttention").asInt()).isEqualTo(2);
        Map<String, JsonNode> outcomes = new HashMap<>();
        absence.get("bookings").forEach(outcome -> outcomes.put(outcome.get("bookingId").asString(), outcome));
        assertThat(outcomes).containsOnlyKeys(day.taras.stream().map(BookingRequested::bookingId).toList());
        for (BookingRequested booking : day.taras) {
            JsonNode outcome = outcomes.get(booking.bookingId());
            Document record = assignmentDocument(booking.bookingId());
            if (booking.start().isBefore(at(day.branch, day.date, "15:00"))) {
                assertThat(outcome.get("result").asString()).as(booking.start().toString()).isEqualTo("MOVED");
                assertThat(outcome.get("therapistId").asString()).isIn(day.uma.id(), day.vic.id(), day.wes.id());
                assertThat(record.getString("status")).isEqualTo("ASSIGNED");
                assertThat(holdersOf("therapist_days", booking.bookingId())).containsExactly(outcome.get("therapistId").asString());
            } else {
                assertThat(outcome.get("result").asString()).as(booking.start().toString()).isEqualTo("NEEDS_ATTENTION");
                assertThat(outcome.get("alternatives").size()).isGreaterThanOrEqualTo(3);
                assertThat(record.getString("status")).isEqualTo("UNASSIGNED");
                assertThat(holdersOf("therapist_days", booking.bookingId())).isEmpty();
                assertThat(holdersOf("room_days", booking.bookingId())).hasSize(1);
            }
        }
        assertNoOverlaps(day.branch(), directory.atBranch(day.branch().id()), day.date());

        String absenceId = absence.get("absenceId").asString();
        Set<String> taras = day.taras.stream().map(BookingRequested::bookingId).collect(Collectors.toSet());
        List<TherapistReassigned> moves = eventsAbout(taras, TherapistReassigned.class, Duration.ofSeconds(3));
        List<ReassignmentFailed> failures = eventsAbout(taras, ReassignmentFailed.class, Duration.ofSeconds(1));
        assertThat(moves).hasSize(6).allSatisfy(move -> {
            assertThat(move.absenceId()).isEqualTo(absenceId);
            assertThat(move.previousTherapistId()).isEqualTo(day.tara.id());
            assertThat(move.reason()).isEqualTo("absent (sick)");
        });
        assertThat(failures).hasSize(2).allSatisfy(failure -> {
            assertThat(failure.absenceId()).isEqualTo(absenceId);
            assertThat(failure.therapistId()).isEqualTo(day.tara.id());
            assertThat(failure.alternatives()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(failure.reason()).contains("nobody can take the session over");
        });
        TherapistAbsenceRecorded recorded = eventsAbout(day.tara.id(), TherapistAbsenceRecorded.class, Duration.ofSeconds(5)).getFirst();
        assertThat(recorded.movedBookingIds()).hasSize(6);
        assertThat(recorded.unmovedBookingIds()).hasSize(2);
        assertThat(recorded.reason()).isEqualTo("SICK");

        HttpResponse<String> again = recordAbsence(day, "{\"from\": \"" + day.date + "\", \"to\": \"" + day.date + "\", \"reason\": \"SICK\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("absenceId").asString()).isEqualTo(absenceId);
        assertThat(eventsAbout(day.tara.id(), TherapistAbsenceRecorded.class, Duration.ofSeconds(2))).hasSize(1);
        assertThat(eventsAbout(taras, TherapistReassigned.class, Duration.ofSeconds(1))).hasSize(6);
    }

    @Test
    void anAbsentTherapistTakesNoNewBookingsUntilTheAbsenceIsWithdrawnAndMovedBookingsStayMoved() {
        Day day = aBusyDay();
        JsonNode absence = json(recordAbsence(day, "{\"from\": \"" + day.date + "T08:00\", \"to\": \"" + day.date
                + "T18:00\", \"reason\": \"TRAINING\"}"));
        String absenceId = absence.get("absenceId").asString();
        BookingRequested moved = day.taras.getFirst();
        String movedTo = assignmentDocument(moved.bookingId()).get("reservation", Document.class).getString("therapistId");

        BookingRequested wantsTara = bookWith(day.tara, day.branch, Technique.SWEDISH, at(day.branch, day.date, "17:00"), 45);
        Document decision = assignmentDocument(wantsTara.bookingId());
        assertThat(decision.getString("status")).isEqualTo("ASSIGNED");
        assertThat(decision.get("reservation", Document.class).getString("therapistId")).isNotEqualTo(day.tara.id());
        assertThat(decision.get("explanation", Document.class).getList("considered", Document.class))
                .filteredOn(verdict -> day.tara.id().equals(verdict.getString("therapistId"))).singleElement()
                .satisfies(verdict -> assertThat(verdict.getString("excludedBy")).isEqualTo("NOT_ABSENT"));

        JsonNode listed = json(get("/api/branches/" + day.branch.id() + "/therapists/" + day.tara.id() + "/absences"));
        assertThat(listed).singleElement().satisfies(entry -> {
            assertThat(entry.get("absenceId").asString()).isEqualTo(absenceId);
            assertThat(entry.get("reason").asString()).isEqualTo("TRAINING");
            assertThat(entry.get("fromLocal").asString()).isEqualTo(day.date + "T08:00:00");
        });
        JsonNode board = json(get("/api/branches/" + day.branch.id() + "/board?date=" + day.date));
        JsonNode taraRow = row(board.get("therapists"), day.tara.id());
        assertThat(taraRow.get("absences")).singleElement().satisfies(a -> assertThat(a.get("reason").asString()).isEqualTo("TRAINING"));
        assertThat(taraRow.get("sessions").size()).isEqualTo(0);

        HttpResponse<String> withdrawn = delete("/api/branches/" + day.branch.id() + "/therapists/" + day.tara.id() + "/absences/" + absenceId);
        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(json(withdrawn).get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(delete("/api/branches/" + day.branch.id() + "/therapists/" + day.tara.id() + "/absences/" + absenceId).statusCode()).isEqualTo(200);
        assertThat(eventsAbout(day.tara.id(), TherapistAbsenceWithdrawn.class, Duration.ofSeconds(5))).hasSize(1);

        BookingRequested stuck = day.taras.get(6);
        assertThat(assignmentDocument(stuck.bookingId()).getString("status")).isEqualTo("UNASSIGNED");
        HttpResponse<String> resolved = post("/api/branches/" + day.branch.id() + "/bookings/" + stuck.bookingId() + "/reassignment",
                "{\"reason\": \"Tara is back\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(json(resolved).get("assignment").get("therapist").get("id").asString()).isEqualTo(day.tara.id());
        assertThat(holdersOf("therapist_days", stuck.bookingId())).containsExactly(day.tara.id());
        assertThat(holdersOf("room_days", stuck.bookingId())).hasSize(1);
        assertThat(eventsAbout(stuck.bookingId(), TherapistReassigned.class, Duration.ofSeconds(3))).singleElement()
                .satisfies(move -> assertThat(move.previousTherapistId()).isEqualTo(day.tara.id()));

        BookingRequested afterwards = bookWith(day.tara, day.branch, Technique.SWEDISH, at(day.branch, day.date, "09:00"), 45);
        assertThat(assignmentDocument(afterwards.bookingId()).get("reservation", Document.class).getString("therapistId")).isEqualTo(day.tara.id());
        assertThat(assignmentDocument(moved.bookingId()).get("reservation", Document.class).getString("therapistId")).isEqualTo(movedTo);
    }

    @Test
    void anInterruptedReplanIsFinishedWhenResumed() {
        Day day = aBusyDay();
        Interval period = new Interval(at(day.branch, day.date, "08:00"), at(day.branch, day.date, "12:00"));
        Absence interrupted = Absence.recording(day.tara.id(), day.branch.id(), period, AbsenceReason.LEAVE, null, Instant.now());
        absences.begin(interrupted);
        reservations.block(Resource.therapist(day.tara.id()), BookedSession.absence(interrupted.absenceId(), "LEAVE", day.branch.id(), period));

        Absence finished = service.resume(absences.find(day.tara.id(), interrupted.absenceId()).orElseThrow());

        assertThat(finished.status()).isEqualTo(AbsenceStatus.RECORDED);
        assertThat(finished.outcomes()).hasSize(3);
        assertThat(day.taras.subList(0, 3)).allSatisfy(booking ->
                assertThat(holdersOf("therapist_days", booking.bookingId())).doesNotContain(day.tara.id()));
        assertThat(holdersOf("therapist_days", day.taras.get(3).bookingId())).containsExactly(day.tara.id());
    }

    @Test
    void badAbsencesAreRefusedNamingTheFieldAndRecordNothing() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist tara = Fixtures.therapist(freshId("tara"), branch.id()).build();
        Therapist elsewhere = Fixtures.therapist(freshId("else"), "other-branch").build();
        seed(branch, List.of(tara), "09:00", "17:00");
        directory.save(elsewhere);
        String path = "/api/branches/" + branch.id() + "/therapists/" + tara.id() + "/absences";
        LocalDate date = daysAhead(branch, 3);

        assertProblem(post(path, "{\"from\": \"" + date + "T12:00\", \"to\": \"" + date + "T09:00\", \"reason\": \"SICK\"}"), 400, "to");
        assertProblem(post(path, "{\"from\": \"2027-03-28T01:30\", \"to\": \"2027-03-28T05:00\", \"reason\": \"SICK\"}"), 400, "from");
        assertProblem(post(path, "{\"from\": \"" + date + "\", \"to\": \"" + date + "\", \"reason\": \"HOLIDAY\"}"), 400, "reason");
        assertProblem(post(path, "{\"to\": \"" + date + "\", \"reason\": \"SICK\"}"), 400, "from");
        assertProblem(post(path, "{\"from\": \"2020-01-01\", \"to\": \"2020-01-02\", \"reason\": \"SICK\"}"), 400, "to");
        assertProblem(post(path, "{\"from\": \"" + date + "\", \"to\": \"" + date.plusDays(120) + "\", \"reason\": \"LEAVE\"}"), 400, "to");
        assertProblem(post(path, "{\"from\": \"" + date + "\", \"to\": \"" + date + "\", \"reason\": \"SICK\", \"note\": \""
                + "n".repeat(1001) + "\"}"), 400, "note");
        assertProblem(post(path, "{\"from\": 5"), 400, null);
        assertProblem(post("/api/branches/" + branch.id() + "/therapists/" + elsewhere.id() + "/absences",
                "{\"from\": \"" + date + "\", \"to\": \"" + date + "\", \"reason\": \"SICK\"}"), 404, null);
        assertProblem(post("/api/branches/atlantis/therapists/" + tara.id() + "/absences", "{}"), 404, null);
        assertProblem(delete(path + "/absence-nope"), 404, null);

        assertThat(absences.of(tara.id())).isEmpty();
    }

    private record Day(Branch branch, LocalDate date, Therapist tara, Therapist uma, Therapist vic, Therapist wes,
                       List<BookingRequested> taras) {
    }

    private Day aBusyDay() {
        Branch branch = Fixtures.salon(freshId("salon")).hours(LocalTime.of(9, 0), LocalTime.of(21, 0))
                .rooms(IntStream.rangeClosed(1, 6).mapToObj(i -> new Room("table-" + i, "Table " + i, RoomKind.TABLE)).toArray(Room[]::new))
                .build();
        Therapist tara = Fixtures.therapist(freshId("tara"), branch.id()).named("Tara").skills(Technique.SWEDISH).build();
        Therapist uma = Fixtures.therapist(freshId("uma"), branch.id()).named("Uma").skills(Technique.SWEDISH).build();
        Therapist vic = Fixtures.therapist(freshId("vic"), branch.id()).named("Vic").skills(Technique.SWEDISH).build();
        Therapist wes = Fixtures.therapist(freshId("wes"), branch.id()).named("Wes").skills(Technique.SWEDISH).build();
        Therapist xan = Fixtures.therapist(freshId("xan"), branch.id()).named("Xan").skills(Technique.SWEDISH).build();
        seed(branch, List.of(tara, uma, vic, wes, xan), "09:00", "18:00");
        LocalDate date = daysAhead(branch, 4);
        roster.save(Shift.of(uma.id(), branch.id(), date, LocalTime.of(9, 0), LocalTime.of(15, 0)));
        roster.save(Shift.of(wes.id(), branch.id(), date, LocalTime.of(9, 0), LocalTime.of(13, 0)));

        List<BookingRequested> taras = new ArrayList<>();
        for (String time : List.of("09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00")) {
            taras.add(bookWith(tara, branch, Technique.SWEDISH, at(branch, date, time), 45));
        }
        for (String time : List.of("09:00", "10:00", "11:00")) {
            bookWith(uma, branch, Technique.SWEDISH, at(branch, date, time), 45);
        }
        for (String time : List.of("13:00", "14:00", "15:00", "16:00")) {
            bookWith(vic, branch, Technique.SWEDISH, at(branch, date, time), 45);
        }
        bookWith(wes, branch, Technique.SWEDISH, at(branch, date, "09:00"), 45);
        for (String time : List.of("09:00", "11:00", "13:00", "15:00")) {
            bookWith(xan, branch, Technique.SWEDISH, at(branch, date, time), 105);
        }
        return new Day(branch, date, tara, uma, vic, wes, taras);
    }

    private HttpResponse<String> recordAbsence(Day day, String body) {
        return post("/api/branches/" + day.branch.id() + "/therapists/" + day.tara.id() + "/absences", body);
    }

    private static JsonNode row(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.get("id").asString().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("No row " + id);
    }

}
