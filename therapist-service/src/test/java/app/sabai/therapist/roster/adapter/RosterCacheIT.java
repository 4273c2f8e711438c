package app.sabai.therapist.roster.adapter;

import app.sabai.contracts.Topic;
import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.support.testing.TestRecords;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.roster.DayChange;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.roster.WeeklyShift;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The rosters a decision reads come from memory, and a change written anywhere reaches that memory. */
class RosterCacheIT extends ServiceIntegrationTest {

    Branch branch;
    Therapist anna;
    LocalDate day;

    @BeforeEach
    void annaWorksNineToFiveAndHerRosterWasReadOnce() {
        branch = Fixtures.salon(freshId("salon")).build();
        anna = Fixtures.therapist(freshId("anna"), branch.id()).build();
        seed(branch, List.of(anna), "09:00", "17:00");
        day = daysAhead(branch, 3);
        // The seed's own events may be heard while this read is made; a read that raced a change is not kept.
        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> {
            assertThat(startOfShift()).isEqualTo(LocalTime.of(9, 0));
            assertThat(roster.holds(anna.id())).as("kept in memory").isTrue();
        });
    }

    /** Another instance's change is simulated as it happens: the store written, then its event on {@code sabai.assignments}. */
    @Test
    void aRosterReadOnceIsKeptUntilTheChangeAnotherInstanceWroteIsHeard() {
        List<WeeklyShift> later = everyDay("12:00", "20:00");
        mongo.updateFirst(new Query(Criteria.where("_id").is(anna.id())), new Update().set("weekly", later).inc("version", 1), Rosters.COLLECTION);
        assertThat(startOfShift()).as("read from memory, not again from the store").isEqualTo(LocalTime.of(9, 0));

        TestRecords.publish(Topic.ASSIGNMENTS.topicName(), changedTo(later));

        await().atMost(DECISION_TIMEOUT).untilAsserted(() -> assertThat(startOfShift()).isEqualTo(LocalTime.of(12, 0)));
    }

    @Test
    void hearingAChangeThatSaysWhatIsHeldChangesNothingHowEverOftenItComes() {
        TherapistRosterChanged published = changedTo(everyDay("09:00", "17:00"));
        roster.heard(published);
        mongo.updateFirst(new Query(Criteria.where("_id").is(anna.id())), new Update().set("weekly", everyDay("06:00", "10:00")),
                Rosters.COLLECTION);

        roster.heard(published);
        roster.heard(published);

        assertThat(startOfShift()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void aRosterChangedHereIsReadAfreshAtOnce() {
        roster.change(anna.id(), current -> current.withWeekly(everyDay("10:00", "18:00")));

        assertThat(startOfShift()).isEqualTo(LocalTime.of(10, 0));
    }

    @Test
    void theEventLeavesOutPastDatesAndIsStillTakenAsSayingTheSame() {
        TherapistRosterChanged published = changedTo(everyDay("09:00", "17:00"));
        assertThat(Rosters.says(roster.of(anna.id()).withChange(
                new DayChange(LocalDate.now(clock).minusDays(10), branch.id(), LocalTime.NOON, LocalTime.of(14, 0), null),
                LocalDate.now(clock).minusDays(60)), published)).isTrue();
        assertThat(Rosters.says(roster.of(anna.id()).withChange(
                new DayChange(day, branch.id(), LocalTime.NOON, LocalTime.of(14, 0), null),
                LocalDate.now(clock).minusDays(60)), published)).isFalse();
    }

    private LocalTime startOfShift() {
        String id = Shift.idOf(anna.id(), day);
        return roster.byIds(List.of(id)).get(id).start();
    }

    private TherapistRosterChanged changedTo(List<WeeklyShift> weekly) {
        return new TherapistRosterChanged(UUID.randomUUID(), clock.instant(), anna.id(), branch.id(), weekly.stream()
                .map(shift -> new TherapistRosterChanged.Weekly(shift.day(), shift.branchId(), shift.start(), shift.end())).toList(),
                List.of(), List.of(), List.of());
    }

    private List<WeeklyShift> everyDay(String from, String to) {
        return Arrays.stream(DayOfWeek.values()).map(weekday -> new WeeklyShift(weekday, branch.id(), LocalTime.parse(from), LocalTime.parse(to)))
                .toList();
    }
}
