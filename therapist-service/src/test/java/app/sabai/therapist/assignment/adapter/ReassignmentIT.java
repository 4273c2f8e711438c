package app.sabai.therapist.assignment.adapter;

import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff move a booking to another therapist: {@code POST /api/branches/{b}/bookings/{id}/reassignment}. */
class ReassignmentIT extends ServiceIntegrationTest {

    @Test
    void aNamedQualifiedFreeTherapistGetsTheSessionAndThePreviousOneIsReleased() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).named("Anna").build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).named("Ben").build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        BookingRequested booking = bookWith(anna, branch, Technique.HOT_STONE, at(branch, daysAhead(branch, 2), "10:00"), 75);
        Document before = assignmentDocument(booking.bookingId()).get("reservation", Document.class);

        HttpResponse<String> response = reassign(branch, booking, "{\"therapistId\": \"" + ben.id() + "\", \"reason\": \"Anna leaves early\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("changed").asBoolean()).isTrue();
        assertThat(answer.get("assignment").get("therapist").get("id").asString()).isEqualTo(ben.id());
        assertThat(answer.get("assignment").get("roomId").asString()).isEqualTo(before.getString("roomId"));
        assertThat(answer.get("assignment").get("explanation").get("summary").asString()).contains("Ben (rank 1 of 1)");
        assertThat(holdersOf("therapist_days", booking.bookingId())).containsExactly(ben.id());
        assertThat(holdersOf("room_days", booking.bookingId())).containsExactly(branch.id() + "/" + before.getString("roomId"));
        assertThat(holdersOf("equipment_days", booking.bookingId())).containsExactly(branch.id() + "/heater-1");
        assertThat(sessionsOf("room_days", booking.bookingId())).hasSize(1);

        TherapistReassigned event = eventsAbout(booking.bookingId(), TherapistReassigned.class, Duration.ofSeconds(10)).getFirst();
        assertThat(event.previousTherapistId()).isEqualTo(anna.id());
        assertThat(event.previousTherapistName()).isEqualTo("Anna");
        assertThat(event.therapistId()).isEqualTo(ben.id());
        assertThat(event.reason()).isEqualTo("Anna leaves early");
        assertThat(event.roomId()).isEqualTo(before.getString("roomId"));
        assertThat(event.equipmentIds()).containsExactly("heater-1");
        assertThat(event.absenceId()).isNull();
        assertThat(event.start()).isEqualTo(booking.start());
    }

    @Test
    void withNobodyNamedTheBestOtherQualifiedFreeTherapistIsChosenByTheSameRanking() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        Therapist busy = Fixtures.therapist(freshId("busy"), branch.id()).build();
        Therapist senior = Fixtures.therapist(freshId("senior"), branch.id()).senior().build();
        seed(branch, List.of(anna, busy, senior), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        bookWith(busy, branch, Technique.SWEDISH, at(branch, day, "10:30"), 60);
        BookingRequested booking = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60,
                new CareRequirements(false, false, true, List.of(), List.of("gentle pressure only")));

        HttpResponse<String> response = reassign(branch, booking, "{\"reason\": \"Anna is needed at reception\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode assignment = json(response).get("assignment");
        assertThat(assignment.get("therapist").get("id").asString()).isEqualTo(senior.id());
        List<String> exclusions = new ArrayList<>();
        assignment.get("explanation").get("considered").forEach(verdict -> exclusions.add(
                verdict.get("therapistId").asString() + ":" + (verdict.get("excludedBy").isNull() ? "eligible" : verdict.get("excludedBy").asString())));
        assertThat(exclusions).containsExactlyInAnyOrder(anna.id() + ":NOT_THE_CURRENT_THERAPIST", busy.id() + ":NO_OVERLAP",
                senior.id() + ":eligible");
        assertThat(assignment.get("changes").get(0).get("fromTherapistId").asString()).isEqualTo(anna.id());
    }

    @Test
    void everyHardRuleRefusesANamedTherapistWithA409NamingItAndNothingChanges() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Branch elsewhere = Fixtures.salon(freshId("elsewhere")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).senior().prenatal().skills(Technique.SWEDISH, Technique.PRENATAL).build();
        Therapist free = Fixtures.therapist(freshId("free"), branch.id()).senior().prenatal().skills(Technique.SWEDISH, Technique.PRENATAL).build();
        Therapist thaiOnly = Fixtures.therapist(freshId("thai"), branch.id()).skills(Technique.THAI).build();
        Therapist junior = Fixtures.therapist(freshId("junior"), branch.id()).prenatal().skills(Technique.SWEDISH).build();
        Therapist notPrenatal = Fixtures.therapist(freshId("np"), branch.id()).senior().skills(Technique.SWEDISH, Technique.PRENATAL).build();
        Therapist away = Fixtures.therapist(freshId("away"), elsewhere.id()).senior().prenatal().skills(Technique.SWEDISH).build();
        Therapist late = Fixtures.therapist(freshId("late"), branch.id()).senior().prenatal().skills(Technique.SWEDISH).build();
        Therapist sick = Fixtures.therapist(freshId("sick"), branch.id()).senior().prenatal().skills(Technique.SWEDISH).build();
        Therapist booked = Fixtures.therapist(freshId("booked"), branch.id()).senior().prenatal().skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna, free, thaiOnly, junior, notPrenatal, sick, booked), "09:00", "17:00");
        seed(elsewhere, List.of(away), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 3);
        roster.save(Shift.of(late.id(), branch.id(), day, LocalTime.of(13, 0), LocalTime.of(21, 0)));
        directory.save(late);
        bookWith(booked, branch, Technique.SWEDISH, at(branch, day, "10:45"), 60);
        assertThat(post("/api/branches/" + branch.id() + "/therapists/" + sick.id() + "/absences",
                "{\"from\": \"" + day + "T08:00\", \"to\": \"" + day + "T13:00\", \"reason\": \"SICK\"}").statusCode()).isEqualTo(201);
        BookingRequested plain = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested prenatal = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "14:00"), 60,
                new CareRequirements(true, false, true, List.of(), List.of("pregnant, second trimester")));
        BookingRequested senior = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "15:30"), 60,
                new CareRequirements(false, true, false, List.of(), List.of("sciatica")));

        assertRefused(branch, plain, thaiOnly, "HAS_SKILL", "not trained in SWEDISH");
        assertRefused(branch, prenatal, notPrenatal, "PRENATAL_CERTIFIED", "prenatal-certified");
        assertRefused(branch, senior, junior, "SENIOR_LEVEL", "senior");
        assertRefused(branch, plain, away, "WORKS_AT_BRANCH", "works at " + elsewhere.id());
        assertRefused(branch, plain, late, "ON_SHIFT", "shift 13:00–21:00");
        assertRefused(branch, plain, sick, "NOT_ABSENT", "absent (SICK)");
        assertRefused(branch, plain, booked, "NO_OVERLAP", "busy 10:45–12:00");

        JsonNode refusal = json(reassign(branch, plain, named(booked)));
        assertThat(refusal.get("otherTherapists")).extracting(verdict -> verdict.get("therapistId").asString()).contains(free.id());
        assertThat(refusal.get("alternatives").size()).isGreaterThanOrEqualTo(3);
        assertThat(refusal.get("alternatives")).allSatisfy(alternative -> assertThat(alternative.get("therapistId").asString()).isEqualTo(booked.id()));
        assertThat(eventsAbout(plain.bookingId(), TherapistReassigned.class, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void mistakesAndImpossibleMovesAreClearAnswersThatChangeNothing() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Branch other = Fixtures.salon(freshId("other")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        seed(other, List.of(), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested booking = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested rejected = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:30"), 60);
        assertThat(assignmentDocument(rejected.bookingId()).getString("status")).isEqualTo("REJECTED");

        assertProblem(post("/api/branches/" + branch.id() + "/bookings/nope/reassignment", "{}"), 404, null);
        assertProblem(post("/api/branches/" + other.id() + "/bookings/" + booking.bookingId() + "/reassignment", "{}"), 404, null);
        assertProblem(reassign(branch, booking, "{\"therapistId\": \"nobody-" + freshId("x") + "\"}"), 400, "therapistId");
        assertProblem(reassign(branch, booking, "{\"therapistId\": \" \"}"), 400, "therapistId");
        assertProblem(reassign(branch, booking, "{\"reason\": \"" + "x".repeat(501) + "\"}"), 400, "reason");
        assertProblem(reassign(branch, booking, "{\"therapistId\": 42"), 400, null);
        assertProblem(reassign(branch, rejected, "{}"), 409, null);
        assertProblem(reassign(branch, booking, "{}"), 409, "bookingId");

        HttpResponse<String> same = reassign(branch, booking, named(anna));
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(json(same).get("changed").asBoolean()).isFalse();
        assertThat(holdersOf("therapist_days", booking.bookingId())).containsExactly(anna.id());
        assertThat(eventsAbout(booking.bookingId(), TherapistReassigned.class, Duration.ofSeconds(2))).isEmpty();
    }

    private void assertRefused(Branch branch, BookingRequested booking, Therapist named, String rule, String detail) {
        Document before = assignmentDocument(booking.bookingId()).get("reservation", Document.class);
        HttpResponse<String> response = reassign(branch, booking, named(named));

        assertThat(response.statusCode()).as(rule + ": " + response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("rule").asString()).isEqualTo(rule);
        assertThat(problem.get("detail").asString()).contains(detail);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("therapistId");
        Document after = assignmentDocument(booking.bookingId());
        assertThat(after.get("reservation", Document.class)).isEqualTo(before);
        assertThat(after.get("move")).isNull();
        assertThat(holdersOf("therapist_days", booking.bookingId())).containsExactly(before.getString("therapistId"));
    }


    private HttpResponse<String> reassign(Branch branch, BookingRequested booking, String body) {
        return post("/api/branches/" + branch.id() + "/bookings/" + booking.bookingId() + "/reassignment", body);
    }

    private static String named(Therapist therapist) {
        return "{\"therapistId\": \"" + therapist.id() + "\", \"reason\": \"test\"}";
    }
}
