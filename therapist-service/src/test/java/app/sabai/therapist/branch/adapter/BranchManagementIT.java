package app.sabai.therapist.branch.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.assignments.ReassignmentFailed;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Branches created and changed through the API, published for every service that keeps a copy. */
class BranchManagementIT extends ServiceIntegrationTest {

    @Test
    void aNewBranchIsPublishedAndCanTakeBookingsOnceStaffed() {
        String id = freshId("manchester");

        HttpResponse<String> created = post("/api/branches", salon(id, "09:00", "21:00", "[\"table-1\", \"table-2\"]", "[\"SWEDISH\", \"HOT_STONE\"]"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/branches/" + id);
        JsonNode branch = json(get("/api/branches/" + id));
        assertThat(branch.get("zone").asString()).isEqualTo("Europe/London");
        assertThat(branch.get("closedDates")).extracting(JsonNode::asString).containsExactly("2026-12-25");
        assertThat(branch.get("location").get("latitude").asDouble()).isEqualTo(53.48);
        BranchCatalogued published = eventsOn(Topic.BRANCHES, Set.of(id), BranchCatalogued.class, Duration.ofSeconds(3)).getFirst();
        assertThat(published.techniques()).extracting(offer -> offer.technique().name()).containsExactly("SWEDISH", "HOT_STONE");
        assertThat(published.closedDates()).containsExactly(LocalDate.parse("2026-12-25"));
        assertProblem(post("/api/branches", salon(id, "09:00", "21:00", "[\"table-1\"]", "[\"SWEDISH\"]")), 409, "id");
        HttpResponse<String> moved = put("/api/branches/" + id, salon(id, "09:00", "21:00", "[\"table-1\", \"table-2\"]",
                "[\"SWEDISH\", \"HOT_STONE\"]").replace("\"location\": {\"latitude\": 53.48, \"longitude\": -2.25},", ""));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json(get("/api/branches/" + id)).get("location").isNull()).as("a value taken away is gone").isTrue();

        Therapist anna = Fixtures.therapist(freshId("anna"), id).skills(Technique.SWEDISH).build();
        seed(catalogue.find(id).orElseThrow(), List.of(anna), "09:00", "17:00");
        BookingRequested booking = requested(catalogue.find(id).orElseThrow(), Technique.SWEDISH,
                at(catalogue.find(id).orElseThrow(), daysAhead(catalogue.find(id).orElseThrow(), 2), "10:00"), 60);
        assignmentService.handle(booking);
        assertThat(assignmentDocument(booking.bookingId()).getString("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void aChangeThatWouldStrandBookedSessionsIsRefusedNamingThemAndChangesNothing() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna), "09:00", "21:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested evening = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "18:00"), 60);
        String roomHeld = assignmentDocument(evening.bookingId()).get("reservation", org.bson.Document.class).getString("roomId");

        HttpResponse<String> earlier = put("/api/branches/" + branch.id(), salon(branch.id(), "09:00", "17:00",
                "[\"table-1\", \"table-2\", \"double-1\", \"mat-1\"]", "[\"SWEDISH\"]"));
        assertProblem(earlier, 409, "openingHours");
        assertThat(json(earlier).get("stranded")).singleElement()
                .satisfies(session -> assertThat(session.get("bookingId").asString()).isEqualTo(evening.bookingId()));
        List<String> rooms = new ArrayList<>(List.of("\"table-1\"", "\"table-2\"", "\"double-1\"", "\"mat-1\""));
        rooms.remove("\"" + roomHeld + "\"");
        assertProblem(put("/api/branches/" + branch.id(), salon(branch.id(), "09:00", "21:00", rooms.toString(), "[\"SWEDISH\"]")), 409, "rooms");
        assertProblem(put("/api/branches/" + branch.id(), salon(branch.id(), "09:00", "21:00",
                "[\"table-1\", \"table-2\", \"double-1\", \"mat-1\"]", "[\"SWEDISH\"]").replace("Europe/London", "Europe/Dublin")), 409, "zone");

        assertThat(catalogue.find(branch.id()).orElseThrow()).isEqualTo(branch);
        assertThat(holdersOf("therapist_days", evening.bookingId())).containsExactly(anna.id());
    }

    @Test
    void aTreatmentTheBranchStopsOfferingLeavesItsBookingsNeedingStaff() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH, Technique.HOT_STONE).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested stones = bookWith(anna, branch, Technique.HOT_STONE, at(branch, day, "10:00"), 75);
        BookingRequested swedish = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "13:00"), 60);

        HttpResponse<String> changed = put("/api/branches/" + branch.id(), salon(branch.id(), "09:00", "21:00",
                "[\"table-1\", \"table-2\", \"double-1\", \"mat-1\"]", "[\"SWEDISH\"]"));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("replanned")).singleElement().satisfies(outcome -> {
            assertThat(outcome.get("bookingId").asString()).isEqualTo(stones.bookingId());
            assertThat(outcome.get("result").asString()).isEqualTo("NEEDS_ATTENTION");
        });
        assertThat(assignmentDocument(stones.bookingId()).getString("status")).isEqualTo("UNASSIGNED");
        assertThat(assignmentDocument(swedish.bookingId()).getString("status")).isEqualTo("ASSIGNED");
        assertThat(eventsAbout(stones.bookingId(), ReassignmentFailed.class, Duration.ofSeconds(3))).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).contains("does not offer HOT_STONE"));
        assertThat(catalogue.find(branch.id()).orElseThrow().offers(Technique.HOT_STONE)).isFalse();
    }

    @Test
    void badCatalogueEntriesAreRefusedNamingTheField() {
        String id = freshId("bad");
        assertProblem(post("/api/branches", salon("Bad Id!", "09:00", "17:00", "[\"t\"]", "[\"SWEDISH\"]")), 400, "id");
        assertProblem(post("/api/branches", salon(id, "09:00", "17:00", "[\"table-1\"]", "[\"SWEDISH\"]").replace("Europe/London", "Mars/Olympus")),
                400, "zone");
        assertProblem(post("/api/branches", salon(id, "17:00", "09:00", "[\"table-1\"]", "[\"SWEDISH\"]")), 400, "openingHours[0].closes");
        assertProblem(post("/api/branches", salon(id, "09:00", "17:00", "[\"table-1\", \"table-1\"]", "[\"SWEDISH\"]")), 400, "rooms[1].id");
        assertProblem(post("/api/branches", salon(id, "09:00", "17:00", "[\"table-1\"]", "[]")), 400, "techniques");
        assertProblem(post("/api/branches", salon(id, "09:00", "17:00", "[\"table-1\"]", "[\"SWEDISH\"]").replace("[30, 60]", "[50]")),
                400, "techniques[0].durationsMinutes");
        assertProblem(post("/api/branches", salon(id, "09:00", "17:00", "[]", "[\"SWEDISH\"]").replace("\"mobile\": false", "\"mobile\": true")),
                400, "serviceArea");
        assertProblem(post("/api/branches", "{\"id\": \"" + id + "\", \"openingHours\": 7}"), 400, "openingHours");
        assertProblem(put("/api/branches/atlantis", salon("atlantis", "09:00", "17:00", "[\"table-1\"]", "[\"SWEDISH\"]")), 404, null);
        assertThat(catalogue.find(id)).isEmpty();
    }

    /** A salon open every day, with table rooms (ids given), the techniques given at 30 and 60 minutes, closed at Christmas. */
    private static String salon(String id, String opens, String closes, String roomIds, String techniques) {
        StringBuilder hours = new StringBuilder();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.append(hours.isEmpty() ? "" : ", ").append("{\"day\": \"").append(day).append("\", \"opens\": \"").append(opens)
                    .append("\", \"closes\": \"").append(closes).append("\"}");
        }
        String rooms = roomIds.replace("[", "").replace("]", "").isBlank() ? "[]" : "[" + String.join(", ",
                List.of(roomIds.replace("[", "").replace("]", "").split(",")).stream()
                        .map(room -> "{\"id\": " + room.strip() + ", \"kind\": \"TABLE\"}").toList()) + "]";
        String offers = techniques.replace("[", "").replace("]", "").isBlank() ? "[]" : "[" + String.join(", ",
                List.of(techniques.replace("[", "").replace("]", "").split(",")).stream()
                        .map(technique -> "{\"technique\": " + technique.strip() + ", \"durationsMinutes\": [30, 60]}").toList()) + "]";
        return """
                {"id": "%s", "name": "Sabai %s", "zone": "Europe/London", "address": "1 Deansgate",
                 "location": {"latitude": 53.48, "longitude": -2.25},
                 "openingHours": [%s], "closedDates": ["2026-12-25"], "changeoverMinutes": 15,
                 "rooms": %s, "equipment": [{"id": "heater-1", "name": "Stone heater", "kind": "STONE_HEATER"}],
                 "techniques": %s, "mobile": false}""".formatted(id, id, hours, rooms, offers);
    }
}
