package app.sabai.therapist.it;

import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.assignment.adapter.AssignmentService;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.demo.DemoChain;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API as the gateway and the web pages call it. */
class HttpApiIT extends ServiceIntegrationTest {

    @Autowired
    AssignmentService assignments;

    @Test
    void theBranchesListShowsTheDemoChainWithZonesHoursAndTechniques() {
        HttpResponse<String> response = get("/api/branches");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(response).forEach(branch -> ids.add(branch.get("id").asString()));
        assertThat(ids).contains(DemoChain.LIVERPOOL, DemoChain.BANGKOK, DemoChain.NEW_YORK, DemoChain.MERSEYSIDE_MOBILE);

        JsonNode liverpool = json(get("/api/branches/liverpool"));
        assertThat(liverpool.get("zone").asString()).isEqualTo("Europe/London");
        assertThat(liverpool.get("mobile").asBoolean()).isFalse();
        assertThat(liverpool.get("changeoverMinutes").asInt()).isEqualTo(15);
        assertThat(liverpool.get("openingHours").size()).isEqualTo(7);
        assertThat(liverpool.get("openingHours").get(0).get("day").asString()).isEqualTo("MONDAY");
        assertThat(liverpool.get("openingHours").get(0).get("opens").asString()).startsWith("09:00");
        assertThat(liverpool.get("techniques").toString()).contains("\"technique\":\"HOT_STONE\"", "\"durationsMinutes\":[75,90]");
        JsonNode mobile = json(get("/api/branches/merseyside-mobile"));
        assertThat(mobile.get("mobile").asBoolean()).isTrue();
        assertThat(mobile.get("serviceArea").get("postcodeDistricts").toString()).contains("\"CH41\"");
    }

    @Test
    void anUnknownBranchIsA404Problem() {
        for (String path : List.of("/api/branches/atlantis", "/api/branches/atlantis/therapists", "/api/branches/atlantis/schedule")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(json(response).get("detail").asString()).contains("atlantis");
        }
        assertThat(get("/api/assignments/no-such-booking").statusCode()).isEqualTo(404);
    }

    @Test
    void aBranchListsItsOwnTherapistsAndThoseCoveringIt() {
        JsonNode therapists = json(get("/api/branches/liverpool/therapists"));

        List<String> ids = new ArrayList<>();
        therapists.forEach(t -> ids.add(t.get("id").asString()));
        assertThat(ids).contains("lpl-siobhan-kelly", "mob-hannah-evans").hasSizeGreaterThanOrEqualTo(7);
        JsonNode siobhan = find(therapists, "lpl-siobhan-kelly");
        assertThat(siobhan.get("name").asString()).isEqualTo("Siobhan Kelly");
        assertThat(siobhan.get("gender").asString()).isEqualTo("FEMALE");
        assertThat(siobhan.get("level").asString()).isEqualTo("SENIOR");
        assertThat(siobhan.get("certifications").toString()).contains("PRENATAL");
        assertThat(siobhan.get("skills").toString()).contains("HOT_STONE");
        assertThat(siobhan.get("homeBranchId").asString()).isEqualTo("liverpool");
        assertThat(find(therapists, "mob-hannah-evans").get("homeBranchId").asString()).isEqualTo("merseyside-mobile");
    }

    @Test
    void availabilityListsFreeStartsOnAQuarterHourGrid() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        assignments.handle(requested(branch, Technique.SWEDISH, at(branch, day, "12:00"), 60));

        JsonNode availability = json(get("/api/availability?branchId=" + branch.id() + "&technique=SWEDISH&durationMinutes=60&date=" + day));

        assertThat(availability.get("branchId").asString()).isEqualTo(branch.id());
        assertThat(availability.get("zone").asString()).isEqualTo("Europe/London");
        assertThat(availability.get("date").asString()).isEqualTo(day.toString());
        List<LocalDateTime> starts = new ArrayList<>();
        availability.get("slots").forEach(slot -> {
            starts.add(LocalDateTime.parse(slot.get("startLocal").asString()));
            assertThat(Instant.parse(slot.get("end").asString())).isEqualTo(Instant.parse(slot.get("start").asString()).plusSeconds(3600));
            assertThat(slot.get("therapists").asInt()).isEqualTo(1);
        });
        assertThat(starts).first().isEqualTo(day.atTime(9, 0));
        assertThat(starts).last().isEqualTo(day.atTime(16, 0));
        // The 12:00 session holds the only therapist until 13:15 (changeover).
        assertThat(starts).contains(day.atTime(10, 45), day.atTime(13, 15))
                .doesNotContain(day.atTime(11, 0), day.atTime(12, 0), day.atTime(13, 0));
        assertThat(starts).allSatisfy(start -> assertThat(start.getMinute() % 15).isZero());
    }

    @Test
    void availabilityAtADemoBranch() {
        LocalDate day = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Bangkok"))).plusDays(3);

        JsonNode availability = json(get("/api/availability?branchId=bangkok-sukhumvit&technique=TOK_SEN&durationMinutes=60&date=" + day));

        assertThat(availability.get("slots").size()).isGreaterThan(10);
        assertThat(availability.get("slots").get(0).get("start").asString()).endsWith("Z");
    }

    @Test
    void availabilityRefusesClientMistakesNamingTheParameter() {
        String day = LocalDate.now().plusDays(2).toString();
        assertProblem("/api/availability?branchId=&technique=SWEDISH&durationMinutes=60&date=" + day, "branchId", "required");
        assertProblem("/api/availability?branchId=atlantis&technique=SWEDISH&durationMinutes=60&date=" + day, "branchId", "atlantis");
        assertProblem("/api/availability?branchId=liverpool&technique=SHIATSU&durationMinutes=60&date=" + day, "technique", "SWEDISH");
        assertProblem("/api/availability?branchId=liverpool&technique=TOK_SEN&durationMinutes=60&date=" + day, "technique", "does not offer");
        assertProblem("/api/availability?branchId=liverpool&technique=SWEDISH&durationMinutes=sixty&date=" + day, "durationMinutes", "sixty");
        assertProblem("/api/availability?branchId=liverpool&technique=HOT_STONE&durationMinutes=60&date=" + day, "durationMinutes", "75, 90");
        assertProblem("/api/availability?branchId=liverpool&technique=SWEDISH&durationMinutes=60&date=2026-02-30", "date", "2026-02-30");
        assertProblem("/api/availability?branchId=liverpool&technique=SWEDISH&durationMinutes=60", "date", "required");
        assertProblem("/api/branches/liverpool/schedule?date=tomorrow", "date", "tomorrow");
    }

    @Test
    void theScheduleShowsEachTherapistRoomAndUnitWithTheirSessions() {
        Branch branch = annaAndBen("salon").branch();
        LocalDate day = daysAhead(branch, 2);
        BookingRequested hotStone = requested(branch, Technique.HOT_STONE, at(branch, day, "10:00"), 75);
        assignments.handle(hotStone);

        JsonNode schedule = json(get("/api/branches/" + branch.id() + "/schedule?date=" + day));

        assertThat(schedule.get("date").asString()).isEqualTo(day.toString());
        assertThat(schedule.get("therapists").size()).isEqualTo(2);
        List<JsonNode> sessions = new ArrayList<>();
        schedule.get("therapists").forEach(t -> {
            assertThat(t.get("shift").get("start").asString()).startsWith("09:00");
            t.get("sessions").forEach(sessions::add);
        });
        assertThat(sessions).singleElement().satisfies(session -> {
            assertThat(session.get("bookingId").asString()).isEqualTo(hotStone.bookingId());
            assertThat(Instant.parse(session.get("start").asString())).isEqualTo(at(branch, day, "10:00"));
            assertThat(Instant.parse(session.get("end").asString())).isEqualTo(at(branch, day, "11:15"));
            assertThat(Instant.parse(session.get("blockedUntil").asString())).isEqualTo(at(branch, day, "11:30"));
            assertThat(session.get("roomId").asString()).isEqualTo("table-1");
        });
        assertThat(find(schedule.get("rooms"), "table-1").get("sessions").size()).isEqualTo(1);
        assertThat(find(schedule.get("rooms"), "mat-1").get("sessions").size()).isZero();
        assertThat(find(schedule.get("equipment"), "heater-1").get("sessions").get(0).get("bookingId").asString())
                .isEqualTo(hotStone.bookingId());
    }

    @Test
    void theScheduleOfAHomeVisitShowsTheTravelAroundIt() {
        LocalDate day = LocalDate.now(clock.withZone(Fixtures.LONDON)).plusDays(1);
        Branch mobile = catalogue.find(DemoChain.MERSEYSIDE_MOBILE).orElseThrow();
        BookingRequested visit = requested(mobile, Technique.SWEDISH, at(mobile, day, "13:00"), 60);
        assignments.handle(visit);

        JsonNode schedule = json(get("/api/branches/merseyside-mobile/schedule?date=" + day));

        List<JsonNode> sessions = new ArrayList<>();
        schedule.get("therapists").forEach(t -> t.get("sessions").forEach(s -> {
            if (visit.bookingId().equals(s.get("bookingId").asString())) {
                sessions.add(s);
            }
        }));
        assertThat(sessions).singleElement().satisfies(session -> {
            assertThat(Instant.parse(session.get("blockedFrom").asString())).isEqualTo(at(mobile, day, "12:30"));
            assertThat(Instant.parse(session.get("blockedUntil").asString())).isEqualTo(at(mobile, day, "14:40"));
            assertThat(session.get("roomId").isNull()).isTrue();
        });
        assertThat(schedule.get("rooms").size()).isZero();
    }

    private void assertProblem(String path, String field, String reasonContains) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).as(path)
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asString()).as(path + " " + response.body()).isEqualTo(field);
        assertThat(error.get("message").asString()).as(path + " " + response.body()).contains(reasonContains);
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode node : array) {
            if (id.equals(node.get("id").asString())) {
                return node;
            }
        }
        throw new AssertionError("No " + id + " in " + array);
    }
}
