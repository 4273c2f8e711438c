package app.sabai.therapist.staff.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.assignments.TherapistReassigned;
import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.staff.TherapistProfiled;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff add, change and deactivate therapists; what a change takes from them is re-planned. */
class TherapistManagementIT extends ServiceIntegrationTest {

    @Test
    void aNewTherapistIsStoredPublishedAndListedAndWorksOnceRostered() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        seed(branch, List.of(), "09:00", "17:00");

        HttpResponse<String> created = post("/api/branches/" + branch.id() + "/therapists", """
                {"name": "Ploy Srisuk-Énorà", "gender": "FEMALE", "level": "SENIOR", "skills": ["THAI", "SABAI"],
                 "certifications": ["PRENATAL"], "languages": ["th", "en"]}""");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asString();
        assertThat(id).isEqualTo(branch.id() + "-ploy-srisuk-enora");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/branches/" + branch.id() + "/therapists/" + id);
        assertThat(json(get("/api/branches/" + branch.id() + "/therapists"))).extracting(t -> t.get("id").asString()).containsExactly(id);
        TherapistProfiled profile = eventsOn(Topic.STAFF, Set.of(id), TherapistProfiled.class, Duration.ofSeconds(3)).getFirst();
        assertThat(profile.homeBranchId()).isEqualTo(branch.id());
        assertThat(profile.skills()).containsExactlyInAnyOrder(Technique.THAI, Technique.SABAI);
        assertThat(profile.languages()).containsExactly("th", "en");
        assertThat(profile.active()).isTrue();
        HttpResponse<String> again = post("/api/branches/" + branch.id() + "/therapists", """
                {"name": "Ploy Srisuk-Énorà", "gender": "FEMALE", "skills": ["THAI"]}""");
        assertThat(json(again).get("id").asString()).isEqualTo(id + "-2");

        assertThat(put("/api/branches/" + branch.id() + "/therapists/" + id + "/roster/weekly",
                "{\"shifts\": [{\"day\": \"" + daysAhead(branch, 3).getDayOfWeek() + "\", \"start\": \"10:00\", \"end\": \"18:00\"}]}")
                .statusCode()).isEqualTo(200);
        BookingRequested thai = requested(branch, Technique.THAI, at(branch, daysAhead(branch, 3), "11:00"), 60);
        assignmentService.handle(thai);
        assertThat(assignmentDocument(thai.bookingId()).get("reservation", Document.class).getString("therapistId")).isEqualTo(id);
    }

    @Test
    void takingASkillAwayMovesTheBookingsThatNeedItAndLeavesTheRest() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH, Technique.HOT_STONE).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.HOT_STONE).build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested stones = bookWith(anna, branch, Technique.HOT_STONE, at(branch, day, "10:00"), 75);
        BookingRequested swedish = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "14:00"), 60);

        HttpResponse<String> changed = put("/api/branches/" + branch.id() + "/therapists/" + anna.id(), """
                {"name": "Anna", "gender": "FEMALE", "level": "JUNIOR", "skills": ["SWEDISH"]}""");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode body = json(changed);
        assertThat(body.get("therapist").get("skills")).extracting(JsonNode::asString).containsExactly("SWEDISH");
        assertThat(body.get("replanned")).singleElement().satisfies(outcome -> {
            assertThat(outcome.get("bookingId").asString()).isEqualTo(stones.bookingId());
            assertThat(outcome.get("result").asString()).isEqualTo("MOVED");
            assertThat(outcome.get("therapistId").asString()).isEqualTo(ben.id());
        });
        assertThat(holdersOf("therapist_days", stones.bookingId())).containsExactly(ben.id());
        assertThat(holdersOf("therapist_days", swedish.bookingId())).containsExactly(anna.id());
        assertThat(eventsAbout(stones.bookingId(), TherapistReassigned.class, Duration.ofSeconds(3)))
                .singleElement().satisfies(move -> assertThat(move.reason()).isEqualTo("no longer able to give it"));
    }

    @Test
    void aTherapistWhoLeavesIsKeptOnRecordTakesNoBookingsAndTheirBookingsAreReplanned() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested first = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "10:00"), 60);
        BookingRequested clash = bookWith(ben, branch, Technique.SWEDISH, at(branch, day, "12:00"), 60);
        BookingRequested second = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "12:00"), 60);

        HttpResponse<String> gone = delete("/api/branches/" + branch.id() + "/therapists/" + anna.id());

        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
        JsonNode body = json(gone);
        assertThat(body.get("therapist").get("active").asBoolean()).isFalse();
        List<String> results = new ArrayList<>();
        body.get("replanned").forEach(outcome -> results.add(outcome.get("bookingId").asString() + ":" + outcome.get("result").asString()));
        assertThat(results).containsExactly(first.bookingId() + ":MOVED", second.bookingId() + ":NEEDS_ATTENTION");
        assertThat(assignmentDocument(second.bookingId()).getString("status")).isEqualTo("UNASSIGNED");
        assertThat(holdersOf("therapist_days", clash.bookingId())).containsExactly(ben.id());
        assertThat(json(get("/api/branches/" + branch.id() + "/therapists"))).extracting(t -> t.get("id").asString()).containsExactly(ben.id());
        assertThat(json(get("/api/branches/" + branch.id() + "/therapists?includeInactive=true"))).hasSize(2);
        assertThat(eventsOn(Topic.STAFF, Set.of(anna.id()), TherapistProfiled.class, Duration.ofSeconds(3)))
                .anySatisfy(profile -> assertThat(profile.active()).isFalse());

        BookingRequested wantsAnna = bookWith(anna, branch, Technique.SWEDISH, at(branch, day, "15:00"), 60);
        Document decision = assignmentDocument(wantsAnna.bookingId());
        assertThat(decision.get("reservation", Document.class).getString("therapistId")).isEqualTo(ben.id());
        assertThat(decision.get("explanation", Document.class).getList("considered", Document.class))
                .filteredOn(verdict -> anna.id().equals(verdict.getString("therapistId"))).singleElement()
                .satisfies(verdict -> assertThat(verdict.getString("detail")).isEqualTo("no longer works for the chain"));
    }

    @Test
    void badProfilesAreRefusedNamingTheField() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        String path = "/api/branches/" + branch.id() + "/therapists";

        assertProblem(post(path, "{\"name\": \"Kim\", \"skills\": [\"THAI\"]}"), 400, "gender");
        assertProblem(post(path, "{\"name\": \"Kim\", \"gender\": \"FEMALE\", \"skills\": []}"), 400, "skills");
        assertProblem(post(path, "{\"name\": \"\", \"gender\": \"FEMALE\", \"skills\": [\"THAI\"]}"), 400, "name");
        assertProblem(post(path, "{\"name\": \"Kim\", \"gender\": \"FEMALE\", \"skills\": [\"SHIATSU\"]}"), 400, "skills[0]");
        assertProblem(post(path, "{\"name\": \"Kim\", \"gender\": \"FEMALE\", \"skills\": [\"THAI\"], \"languages\": [\"english\"]}"),
                400, "languages[0]");
        assertProblem(post(path, "{\"name\": \"Kim\", \"gender\": \"FEMALE\", \"skills\": [\"THAI\"], \"coveringBranchIds\": [\"atlantis\"]}"),
                400, "coveringBranchIds[0]");
        assertProblem(post(path, "{\"id\": \"Kim!\", \"name\": \"Kim\", \"gender\": \"FEMALE\", \"skills\": [\"THAI\"]}"), 400, "id");
        assertProblem(post(path, "{\"id\": \"" + anna.id() + "\", \"name\": \"Kim\", \"gender\": \"FEMALE\", \"skills\": [\"THAI\"]}"), 409, "id");
        assertProblem(put(path + "/" + anna.id(), "{\"id\": \"other\", \"name\": \"Anna\", \"gender\": \"FEMALE\", \"skills\": [\"THAI\"]}"),
                400, "id");
        assertProblem(put(path + "/nobody", "{\"name\": \"Anna\", \"gender\": \"FEMALE\", \"skills\": [\"THAI\"]}"), 404, null);
        assertProblem(post("/api/branches/atlantis/therapists", "{}"), 404, null);
        assertThat(directory.atBranch(branch.id())).extracting(Therapist::id).containsExactly(anna.id());
    }
}
