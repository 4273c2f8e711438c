package app.sabai.therapist.schedule.adapter;

import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.assignment.adapter.Assignments;
import app.sabai.therapist.assignment.adapter.Attempts;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/branches/{b}/board?date=}: the day per therapist, room and equipment unit, as staff see it. */
class BoardIT extends ServiceIntegrationTest {

    @Autowired
    Assignments assignments;

    @Test
    void theBoardShowsEachSessionWithItsCustomerAndTreatmentTheFreeGapsAndHowFullTheDayIs() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).named("Anna").build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).named("Ben").build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 2);
        BookingRequested stones = bookWith(anna, branch, Technique.HOT_STONE, at(branch, day, "10:00"), 60);
        leaveBehind(branch, ben, at(branch, day, "13:00"));

        JsonNode board = json(get("/api/branches/" + branch.id() + "/board?date=" + day));

        assertThat(board.get("date").asString()).isEqualTo(day.toString());
        assertThat(board.get("openingHours").get("opens").asString()).startsWith("09:00");
        JsonNode annaRow = row(board.get("therapists"), anna.id());
        assertThat(annaRow.get("sessions")).singleElement().satisfies(session -> {
            assertThat(session.get("bookingId").asString()).isEqualTo(stones.bookingId());
            assertThat(session.get("customerFirstName").asString()).isEqualTo("Guest");
            assertThat(session.get("technique").asString()).isEqualTo("HOT_STONE");
            assertThat(session.get("startLocal").asString()).startsWith("10:00");
            assertThat(session.get("endLocal").asString()).startsWith("11:00");
            assertThat(Instant.parse(session.get("blockedUntil").asString())).isEqualTo(at(branch, day, "11:15"));
            assertThat(session.get("roomId").asString()).isEqualTo("table-1");
        });
        assertThat(gaps(annaRow)).containsExactly("09:00-10:00", "11:15-17:00");
        assertThat(annaRow.get("utilisation").asDouble()).isEqualTo(0.125);
        JsonNode benRow = row(board.get("therapists"), ben.id());
        assertThat(benRow.get("sessions").size()).as("a hold left behind by an attempt that gave up is not a session").isZero();
        assertThat(gaps(benRow)).containsExactly("09:00-17:00");
        assertThat(row(board.get("rooms"), "table-1").get("sessions").get(0).get("therapistId").asString()).isEqualTo(anna.id());
        assertThat(row(board.get("rooms"), "table-1").get("utilisation").asDouble()).isEqualTo(0.083);
        assertThat(row(board.get("equipment"), "heater-1").get("sessions").get(0).get("bookingId").asString()).isEqualTo(stones.bookingId());
        assertThat(board.get("totals").get("sessions").asInt()).isEqualTo(1);
        assertThat(board.get("totals").get("therapistUtilisation").asDouble()).isEqualTo(0.063);
    }

    @Test
    void aDateThatIsNotADateOrABranchThatDoesNotExistIsAClearError() {
        assertThat(get("/api/branches/liverpool/board?date=someday").statusCode()).isEqualTo(400);
        assertThat(json(get("/api/branches/liverpool/board?date=someday")).get("errors").get(0).get("field").asString()).isEqualTo("date");
        assertThat(get("/api/branches/atlantis/board").statusCode()).isEqualTo(404);
    }

    /** A hold of an attempt that a later attempt of its booking replaced: the store still has it, the board must not show it. */
    private void leaveBehind(Branch branch, Therapist therapist, Instant start) {
        BookingRequested gaveUp = requested(branch, Technique.SWEDISH, start, 60);
        Attempts.diedHolding(assignments, reservations, gaveUp, branch, therapist, null);
        Attempts.replacedByALaterAttempt(assignments, gaveUp.bookingId());
    }

    private static List<String> gaps(JsonNode row) {
        List<String> gaps = new ArrayList<>();
        row.get("free").forEach(gap -> gaps.add(gap.get("startLocal").asString().substring(0, 5) + "-" + gap.get("endLocal").asString().substring(0, 5)));
        return gaps;
    }

    private static JsonNode row(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.get("id").asString().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("No row " + id + " in " + rows);
    }
}
