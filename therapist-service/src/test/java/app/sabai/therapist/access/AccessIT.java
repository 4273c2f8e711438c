package app.sabai.therapist.access;

import app.sabai.support.security.Caller;
import app.sabai.support.testing.TestCallers;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import static app.sabai.therapist.Fixtures.salon;
import static app.sabai.therapist.Fixtures.therapist;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what in therapist-service: the catalogue and free times are public; a branch's day, rosters and
 * absences are its staff's (operations read them); branches and therapists are the administrators'.
 */
class AccessIT extends ServiceIntegrationTest {

    Branch branch;
    Therapist anna;
    LocalDate day;

    @BeforeEach
    void aBranchWithATherapist() {
        String branchId = freshId("access");
        anna = therapist(freshId("anna"), branchId).build();
        branch = seed(salon(branchId).build(), List.of(anna), "09:00", "17:00");
        day = daysAhead(branch, 3);
    }

    @Test
    void theCatalogueAndFreeTimesNeedNoSignIn() {
        actingAs(null);

        assertThat(get("/api/branches").statusCode()).isEqualTo(200);
        assertThat(get("/api/branches/" + branch.id()).statusCode()).isEqualTo(200);
        assertThat(get("/api/branches/" + branch.id() + "/therapists").statusCode()).isEqualTo(200);
        assertThat(get("/api/availability?branchId=" + branch.id() + "&technique=SWEDISH&durationMinutes=60&date=" + day).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBranchsDayIsForItsStaffAndOperations() {
        String board = "/api/branches/" + branch.id() + "/board?date=" + day;

        for (Caller allowed : List.of(TestCallers.staff(branch.id()), TestCallers.ops(), TestCallers.admin())) {
            actingAs(allowed);
            assertThat(get(board).statusCode()).as(allowed.toString()).isEqualTo(200);
        }
        for (Caller refused : List.of(TestCallers.staff("elsewhere"), TestCallers.customer())) {
            actingAs(refused);
            HttpResponse<String> answer = get(board);
            assertThat(answer.statusCode()).as(refused.toString()).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        actingAs(null);
        assertThat(get(board).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheBranchsStaffRecordAbsencesAndOperationsChangeNothing() {
        String absences = "/api/branches/" + branch.id() + "/therapists/" + anna.id() + "/absences";
        String body = "{\"from\": \"" + day + "\", \"to\": \"" + day + "\", \"reason\": \"SICK\"}";

        actingAs(TestCallers.ops());
        assertThat(post(absences, body).statusCode()).isEqualTo(403);
        assertThat(get(absences).statusCode()).isEqualTo(200);
        actingAs(TestCallers.staff("elsewhere"));
        assertThat(post(absences, body).statusCode()).isEqualTo(403);
        actingAs(TestCallers.customer());
        assertThat(post(absences, body).statusCode()).isEqualTo(403);
        actingAs(TestCallers.ops());
        assertThat(json(get(absences)).size()).as("nothing was recorded by those refused").isZero();

        actingAs(TestCallers.staff(branch.id()));
        assertThat(post(absences, body).statusCode()).isEqualTo(201);
    }

    @Test
    void branchesAndTherapistsAreManagedByAdministratorsOnly() {
        String change = "{\"name\": \"Renamed\"}";

        actingAs(TestCallers.staff(branch.id()));
        assertThat(put("/api/branches/" + branch.id(), change).statusCode()).isEqualTo(403);
        assertThat(delete("/api/branches/" + branch.id() + "/therapists/" + anna.id()).statusCode()).isEqualTo(403);
        actingAs(TestCallers.ops());
        assertThat(post("/api/branches", "{}").statusCode()).isEqualTo(403);
        actingAs(TestCallers.admin());
        assertThat(post("/api/branches", "{}").statusCode()).as("an administrator gets as far as the body's problems").isEqualTo(400);
    }

    @Test
    void whyATherapistWasChosenIsForOperations() {
        actingAs(TestCallers.staff(branch.id()));
        assertThat(get("/api/assignments/some-booking").statusCode()).isEqualTo(403);
        actingAs(TestCallers.ops());
        assertThat(get("/api/assignments/some-booking").statusCode()).isEqualTo(404);
    }
}
