package app.sabai.therapist.roster.adapter;

import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
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

/** A therapist's roster, changed through the API, is what the planner reads; no change strands a booked session. */
class RosterIT extends ServiceIntegrationTest {

    @Test
    void theWeeklyPatternAndOneOffChangesAreTheShiftsThePlannerReads() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Branch other = Fixtures.salon(freshId("other")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).covering(other.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        seed(other, List.of(), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 3);
        String roster = "/api/branches/" + branch.id() + "/therapists/" + anna.id() + "/roster";

        HttpResponse<String> weekly = put(roster + "/weekly", "{\"shifts\": [{\"day\": \"" + day.getDayOfWeek()
                + "\", \"start\": \"12:00\", \"end\": \"20:00\"}, {\"day\": \"" + day.plusDays(1).getDayOfWeek()
                + "\", \"branchId\": \"" + other.id() + "\", \"start\": \"09:00\", \"end\": \"13:00\"}]}");
        assertThat(weekly.statusCode()).as(weekly.body()).isEqualTo(200);
        HttpResponse<String> dayOff = put(roster + "/days/" + day.plusDays(7), "{\"off\": true, \"note\": \"dentist\"}");
        assertThat(dayOff.statusCode()).as(dayOff.body()).isEqualTo(200);

        JsonNode view = json(get(roster + "?from=" + day + "&to=" + day.plusDays(7)));
        assertThat(shifts(view)).containsExactly(day + " " + branch.id() + " 12:00-20:00 WEEKLY",
                day.plusDays(1) + " " + other.id() + " 09:00-13:00 WEEKLY");
        assertThat(view.get("changes")).singleElement().satisfies(change -> assertThat(change.get("note").asString()).isEqualTo("dentist"));
        assertThat(decided(bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60))).isEqualTo("REJECTED");
        assertThat(decided(bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "13:00"), 60))).isEqualTo("ASSIGNED");
        assertThat(decided(bookWith(anna, other, Technique.SWEDISH, at(other, day.plusDays(1), "10:00"), 60))).isEqualTo("ASSIGNED");
        assertThat(decided(bookWith(anna, branch, Technique.SWEDISH, at(branch, day.plusDays(7), "13:00"), 60))).isEqualTo("REJECTED");

        HttpResponse<String> back = delete(roster + "/days/" + day.plusDays(7));
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(decided(bookWith(anna, branch, Technique.SWEDISH, at(branch, day.plusDays(7), "13:00"), 60))).isEqualTo("ASSIGNED");
        assertThat(eventsAbout(anna.id(), TherapistRosterChanged.class, Duration.ofSeconds(3))).as("weekly, day off, day off taken back")
                .hasSize(3).last().satisfies(changed -> assertThat(changed.opened()).containsExactly(new TherapistRosterChanged.Opened(
                        branch.id(), at(branch, day.plusDays(7), "12:00"), at(branch, day.plusDays(7), "20:00"))));
    }

    @Test
    void aChangeThatWouldStrandABookedSessionIsRefusedNamingItOrReplansItWhenAsked() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested morning = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        String roster = "/api/branches/" + branch.id() + "/therapists/" + anna.id() + "/roster";
        String lateShift = "{\"branchId\": \"" + branch.id() + "\", \"start\": \"13:00\", \"end\": \"21:00\"";

        HttpResponse<String> refused = put(roster + "/days/" + day, lateShift + "}");
        assertProblem(refused, 409, "date");
        assertThat(json(refused).get("stranded")).singleElement().satisfies(session -> {
            assertThat(session.get("bookingId").asString()).isEqualTo(morning.bookingId());
            assertThat(session.get("startLocal").asString()).isEqualTo(day + "T10:00");
        });
        assertThat(json(get(roster + "?from=" + day + "&to=" + day)).get("changes")).isEmpty();
        assertThat(holdersOf("therapist_days", morning.bookingId())).containsExactly(anna.id());
        assertProblem(put(roster + "/weekly", "{\"shifts\": []}"), 409, "shifts");

        HttpResponse<String> replanned = put(roster + "/days/" + day, lateShift + ", \"stranded\": \"REPLAN\"}");

        assertThat(replanned.statusCode()).as(replanned.body()).isEqualTo(200);
        assertThat(json(replanned).get("replanned")).singleElement().satisfies(outcome -> {
            assertThat(outcome.get("bookingId").asString()).isEqualTo(morning.bookingId());
            assertThat(outcome.get("result").asString()).isEqualTo("MOVED");
            assertThat(outcome.get("therapistId").asString()).isEqualTo(ben.id());
        });
        assertThat(holdersOf("therapist_days", morning.bookingId())).containsExactly(ben.id());
        assertThat(assignmentDocument(morning.bookingId()).get("reservation", Document.class).getString("therapistId")).isEqualTo(ben.id());
        assertThat(eventsAbout(anna.id(), TherapistRosterChanged.class, Duration.ofSeconds(3))).singleElement().satisfies(changed -> {
            assertThat(changed.branchId()).isEqualTo(branch.id());
            assertThat(changed.strandedBookingIds()).containsExactly(morning.bookingId());
            assertThat(changed.changes()).containsExactly(new TherapistRosterChanged.Change(day, branch.id(), LocalTime.of(13, 0),
                    LocalTime.of(21, 0)));
            assertThat(changed.weekly()).hasSize(7);
            assertThat(changed.opened()).as("the later end; the morning it gave up opens nothing").containsExactly(
                    new TherapistRosterChanged.Opened(branch.id(), at(branch, day, "17:00"), at(branch, day, "21:00")));
        });
    }

    @Test
    void badRostersAreRefusedNamingTheField() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        String roster = "/api/branches/" + branch.id() + "/therapists/" + anna.id() + "/roster";
        LocalDate day = daysAhead(branch, 2);

        assertProblem(put(roster + "/weekly", "{\"shifts\": [{\"day\": \"MONDAY\", \"start\": \"09:00\", \"end\": \"17:00\"}, "
                + "{\"day\": \"MONDAY\", \"start\": \"10:00\", \"end\": \"12:00\"}]}"), 400, "shifts[1].day");
        assertProblem(put(roster + "/weekly", "{\"shifts\": [{\"day\": \"MONDAY\", \"start\": \"17:00\", \"end\": \"09:00\"}]}"), 400,
                "shifts[0].end");
        assertProblem(put(roster + "/weekly", "{\"shifts\": [{\"day\": \"FUNDAY\", \"start\": \"09:00\", \"end\": \"17:00\"}]}"), 400,
                "shifts[0].day");
        assertProblem(put(roster + "/weekly", "{\"shifts\": [{\"day\": \"MONDAY\", \"branchId\": \"liverpool\", \"start\": \"09:00\", "
                + "\"end\": \"17:00\"}]}"), 400, "shifts[0].branchId");
        assertProblem(put(roster + "/weekly", "{}"), 400, "shifts");
        assertProblem(put(roster + "/days/" + day, "{\"start\": \"09:00\"}"), 400, "end");
        assertProblem(put(roster + "/days/" + day, "{\"off\": true, \"start\": \"09:00\"}"), 400, "off");
        assertProblem(put(roster + "/days/2020-01-01", "{\"off\": true}"), 400, "date");
        assertProblem(put(roster + "/days/someday", "{\"off\": true}"), 400, "date");
        assertProblem(get(roster + "?from=" + day + "&to=" + day.minusDays(1)), 400, "to");
        assertProblem(get("/api/branches/" + branch.id() + "/therapists/nobody/roster"), 404, null);
        assertThat(json(get(roster)).get("shifts").size()).isEqualTo(28);
    }

    private String decided(BookingRequested booking) {
        return assignmentDocument(booking.bookingId()).getString("status");
    }

    private static List<String> shifts(JsonNode view) {
        List<String> shifts = new ArrayList<>();
        view.get("shifts").forEach(shift -> shifts.add(shift.get("date").asString() + " " + shift.get("branchId").asString() + " "
                + shift.get("start").asString().substring(0, 5) + "-" + shift.get("end").asString().substring(0, 5) + " "
                + shift.get("source").asString()));
        return shifts;
    }
}
