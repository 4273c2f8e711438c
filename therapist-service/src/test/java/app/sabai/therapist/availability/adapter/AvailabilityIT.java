package app.sabai.therapist.availability.adapter;

import app.sabai.contracts.bookings.BookingRequested;
import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Pressure;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/availability} over days and across branches: every slot shown is one a booking gets. */
class AvailabilityIT extends ServiceIntegrationTest {

    @Test
    void everySlotOfARangeBooksWhenBookedOneByOne() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.HOT_STONE).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.HOT_STONE).gender(Gender.MALE).build();
        seed(branch, List.of(anna, ben), "09:00", "15:00");
        LocalDate first = daysAhead(branch, 2);
        bookWith(anna, branch, Technique.HOT_STONE, at(branch, first, "10:00"), 75);

        JsonNode availability = json(get("/api/availability?branchId=" + branch.id() + "&technique=HOT_STONE&durationMinutes=75&from="
                + first + "&to=" + first.plusDays(2)));

        assertThat(availability.get("from").asString()).isEqualTo(first.toString());
        assertThat(availability.get("to").asString()).isEqualTo(first.plusDays(2).toString());
        List<JsonNode> slots = list(availability.get("slots"));
        assertThat(slots).extracting(slot -> slot.get("startLocal").asString().substring(0, 10)).containsOnly(
                first.toString(), first.plusDays(1).toString(), first.plusDays(2).toString());
        assertThat(slots).noneMatch(slot -> Instant.parse(slot.get("start").asString()).isBefore(at(branch, first, "11:30"))
                && Instant.parse(slot.get("end").asString()).isAfter(at(branch, first, "10:00")));
        // One stone heater: every slot that does not overlap an earlier one takes the heater and a therapist for good.
        Instant heaterFree = Instant.MIN;
        int booked = 0;
        for (JsonNode slot : slots) {
            Instant start = Instant.parse(slot.get("start").asString());
            if (start.isBefore(heaterFree)) {
                continue;
            }
            assertThat(slot.get("offeredBy").size()).isEqualTo(slot.get("therapists").asInt()).isPositive();
            BookingRequested booking = requested(branch, Technique.HOT_STONE, start, 75);
            assignmentService.handle(booking);
            assertThat(assignmentDocument(booking.bookingId()).getString("status")).as(slot.toString()).isEqualTo("ASSIGNED");
            heaterFree = branch.blockedFor(Interval.of(start, Duration.ofMinutes(75))).end();
            booked++;
        }
        assertThat(booked).isGreaterThanOrEqualTo(9);
    }

    @Test
    void slotsCanBeAskedOfOneTherapistAGenderOrWhatTheIntakeWouldDemandAndBookAsShown() {
        Branch branch = Fixtures.salon(freshId("salon")).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist(freshId("ben"), branch.id()).skills(Technique.SWEDISH).gender(Gender.MALE).senior().prenatal().build();
        seed(branch, List.of(anna, ben), "09:00", "17:00");
        LocalDate day = daysAhead(branch, 3);
        String base = "/api/availability?branchId=" + branch.id() + "&technique=SWEDISH&durationMinutes=60&date=" + day;

        assertThat(offeredBy(json(get(base + "&therapistId=" + ben.id())))).containsOnly(List.of(ben.id()));
        assertThat(offeredBy(json(get(base + "&therapistGender=FEMALE")))).containsOnly(List.of(anna.id()));
        assertThat(offeredBy(json(get(base + "&prenatal=true&senior=true")))).containsOnly(List.of(ben.id()));
        JsonNode afternoon = json(get(base + "&earliest=14:00&latest=15:00"));
        assertThat(list(afternoon.get("slots"))).extracting(slot -> slot.get("startLocal").asString().substring(11, 16))
                .containsExactly("14:00", "14:15", "14:30", "14:45", "15:00");

        JsonNode slot = json(get(base + "&prenatal=true&senior=true&earliest=11:00")).get("slots").get(0);
        BookingRequested pregnant = requested(branch, Technique.SWEDISH, Instant.parse(slot.get("start").asString()), 60,
                Preferences.none(), new CareRequirements(true, true, true, List.of(), List.of("pregnant")));
        assignmentService.handle(pregnant);
        assertThat(assignmentDocument(pregnant.bookingId()).get("reservation", Document.class).getString("therapistId")).isEqualTo(ben.id());
        JsonNode female = json(get(base + "&therapistGender=FEMALE&earliest=12:00")).get("slots").get(0);
        BookingRequested wantsAWoman = requested(branch, Technique.SWEDISH, Instant.parse(female.get("start").asString()), 60,
                new Preferences(null, GenderPreference.FEMALE, Pressure.LIGHT), CareRequirements.none());
        assignmentService.handle(wantsAWoman);
        assertThat(assignmentDocument(wantsAWoman.bookingId()).get("reservation", Document.class).getString("therapistId")).isEqualTo(anna.id());
    }

    @Test
    void withoutABranchEveryNearbyBranchOfferingTheTreatmentIsSearchedInTimeOrder() {
        Branch near = Fixtures.salon(freshId("near")).at(10.40, -30.98).build();
        Branch nextDoor = Fixtures.salon(freshId("nextdoor")).at(10.41, -30.97).hours(LocalTime.of(12, 0), LocalTime.of(20, 0)).build();
        Branch noStones = Fixtures.salon(freshId("nostones")).at(10.40, -30.99).offering(Technique.THAI).build();
        Branch far = Fixtures.salon(freshId("far")).at(12.50, -33.12).build();
        for (Branch branch : List.of(near, nextDoor, noStones, far)) {
            seed(branch, List.of(Fixtures.therapist(freshId("t"), branch.id()).skills(Technique.HOT_STONE, Technique.THAI).build()),
                    "09:00", "21:00");
        }
        LocalDate day = daysAhead(near, 4);

        JsonNode chain = json(get("/api/availability?technique=HOT_STONE&durationMinutes=90&date=" + day + "&near=10.405,-30.975&withinKm=25"));

        assertThat(list(chain.get("branches"))).extracting(branch -> branch.get("id").asString())
                .containsExactlyInAnyOrder(near.id(), nextDoor.id());
        assertThat(chain.get("branches").get(0).get("distanceKm").asDouble()).isLessThan(1.0);
        List<JsonNode> slots = list(chain.get("slots"));
        assertThat(slots).extracting(slot -> slot.get("branchId").asString()).containsOnly(near.id(), nextDoor.id()).contains(near.id(), nextDoor.id());
        assertThat(slots).extracting(slot -> Instant.parse(slot.get("start").asString())).isSorted();
        assertThat(slots.getFirst().get("branchId").asString()).isEqualTo(near.id());
        assertThat(slots).filteredOn(slot -> slot.get("branchId").asString().equals(nextDoor.id()))
                .allSatisfy(slot -> assertThat(slot.get("startLocal").asString().substring(11, 13)).isGreaterThanOrEqualTo("12"));

        JsonNode chosen = json(get("/api/availability?technique=HOT_STONE&durationMinutes=90&date=" + day + "&branchIds=" + far.id()
                + "&limit=3"));
        assertThat(list(chosen.get("slots"))).hasSize(3).allSatisfy(slot -> assertThat(slot.get("branchId").asString()).isEqualTo(far.id()));
        assertThat(chosen.get("truncated").asBoolean()).isTrue();
        JsonNode slot = chosen.get("slots").get(0);
        BookingRequested booking = requested(far, Technique.HOT_STONE, Instant.parse(slot.get("start").asString()), 90);
        assignmentService.handle(booking);
        assertThat(assignmentDocument(booking.bookingId()).getString("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void absencesAndClosedDatesAreNeverOffered() {
        LocalDate day = LocalDate.now(clock.withZone(Fixtures.LONDON)).plusDays(5);
        Branch branch = Fixtures.salon(freshId("salon")).closedOnDate(day.plusDays(1)).build();
        Therapist anna = Fixtures.therapist(freshId("anna"), branch.id()).skills(Technique.SWEDISH).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        assertThat(post("/api/branches/" + branch.id() + "/therapists/" + anna.id() + "/absences",
                "{\"from\": \"" + day + "T09:00\", \"to\": \"" + day + "T13:00\", \"reason\": \"TRAINING\"}").statusCode()).isEqualTo(201);

        JsonNode availability = json(get("/api/availability?branchId=" + branch.id() + "&technique=SWEDISH&durationMinutes=60&from="
                + day + "&to=" + day.plusDays(2)));

        List<String> starts = list(availability.get("slots")).stream().map(slot -> slot.get("startLocal").asString()).toList();
        assertThat(starts).first().isEqualTo(day + "T13:00:00");
        assertThat(starts).noneMatch(start -> start.startsWith(day.plusDays(1).toString()));
        assertThat(starts).anyMatch(start -> start.startsWith(day.plusDays(2).toString()));
    }

    @Test
    void questionsThatCannotBeAnsweredSayWhichFieldIsWrong() {
        String base = "/api/availability?technique=SWEDISH&durationMinutes=60";
        LocalDate day = LocalDate.now(clock).plusDays(2);
        assertProblem(get(base + "&branchId=liverpool&from=" + day + "&to=" + day.plusDays(14)), 400, "to");
        assertProblem(get(base + "&branchId=liverpool&date=" + day + "&from=" + day), 400, "date");
        assertProblem(get(base + "&branchId=liverpool"), 400, "date");
        assertProblem(get(base + "&date=" + day + "&near=north"), 400, "near");
        assertProblem(get(base + "&date=" + day + "&near=95,10"), 400, "near");
        assertProblem(get(base + "&date=" + day + "&branchIds=atlantis"), 400, "branchIds");
        assertProblem(get(base + "&branchId=liverpool&date=" + day + "&therapistId=nobody"), 400, "therapistId");
        assertProblem(get("/api/availability?technique=SWEDISH&durationMinutes=45&branchId=liverpool&date=" + day), 400, "durationMinutes");
        assertProblem(get("/api/availability?technique=MOONLIGHT&durationMinutes=60&branchId=liverpool&date=" + day), 400, "technique");
        assertProblem(get(base + "&date=" + day + "&limit=0"), 400, "limit");
    }

    private static List<List<String>> offeredBy(JsonNode availability) {
        List<List<String>> offeredBy = new ArrayList<>();
        availability.get("slots").forEach(slot -> offeredBy.add(list(slot.get("offeredBy")).stream().map(t -> t.get("id").asString()).toList()));
        assertThat(offeredBy).isNotEmpty();
        return offeredBy;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

}
