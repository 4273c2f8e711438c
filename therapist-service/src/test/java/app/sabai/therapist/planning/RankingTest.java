package app.sabai.therapist.planning;

import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.Gender;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Pressure;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankingTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    final Branch salon = Fixtures.salon("salon").build();
    final Therapist amy = Fixtures.therapist("amy", "salon").named("Amy").gender(Gender.FEMALE).build();
    final Therapist ben = Fixtures.therapist("ben", "salon").named("Ben").gender(Gender.MALE).build();
    final Therapist cat = Fixtures.therapist("cat", "salon").named("Cat").gender(Gender.FEMALE).senior().build();

    Snapshots team() {
        return Snapshots.at(salon)
                .onShift(amy, DAY, "09:00", "17:00")
                .onShift(ben, DAY, "09:00", "17:00")
                .onShift(cat, DAY, "09:00", "17:00");
    }

    List<String> ranking(Snapshots snapshots, SessionRequest request) {
        return ((Plan.Feasible) Planner.plan(snapshots.build(), request)).candidates().stream()
                .map(candidate -> candidate.therapist().id()).toList();
    }

    SessionRequest at(Snapshots snapshots, String from, String to, Preferences preferences, CareRequirements requirements,
                      String previousTherapist) {
        return new SessionRequest(null, Technique.SWEDISH, snapshots.local(DAY, from, to), requirements, preferences, previousTherapist);
    }

    @Test
    void theLeastLoadedTherapistThatDayComesFirst() {
        Snapshots snapshots = team().therapistBusy(amy, DAY, "09:00", "09:45").therapistBusy(amy, DAY, "14:00", "14:45")
                .therapistBusy(cat, DAY, "15:00", "15:45");

        assertThat(ranking(snapshots, at(snapshots, "10:00", "11:00", null, null, null))).containsExactly("ben", "cat", "amy");
    }

    @Test
    void thePreferredTherapistComesFirstEvenWhenBusier() {
        Snapshots snapshots = team().therapistBusy(amy, DAY, "09:00", "09:45").therapistBusy(amy, DAY, "14:00", "14:45");
        Preferences preferAmy = new Preferences("amy", GenderPreference.ANY, Pressure.MEDIUM);

        List<String> ranking = ranking(snapshots, at(snapshots, "10:00", "11:00", preferAmy, null, null));

        assertThat(ranking).first().isEqualTo("amy");
        assertThat(((Plan.Feasible) Planner.plan(snapshots.build(), at(snapshots, "10:00", "11:00", preferAmy, null, null)))
                .best().reasons()).contains("the customer's preferred therapist", "2 sessions that day");
    }

    @Test
    void theGenderPreferenceOutranksLoad() {
        Snapshots snapshots = team().therapistBusy(amy, DAY, "09:00", "09:45").therapistBusy(cat, DAY, "09:00", "09:45");
        Preferences female = new Preferences(null, GenderPreference.FEMALE, Pressure.FIRM);

        assertThat(ranking(snapshots, at(snapshots, "10:00", "11:00", female, null, null))).containsExactly("amy", "cat", "ben");
    }

    @Test
    void continuityKeepsTheTherapistOfThePreviousSession() {
        Snapshots snapshots = team().therapistBusy(cat, DAY, "09:00", "09:45");

        assertThat(ranking(snapshots, at(snapshots, "10:00", "11:00", null, null, "cat"))).first().isEqualTo("cat");
    }

    @Test
    void seniorityOnlyCountsWhenTheIntakeFlaggedSomething() {
        Snapshots snapshots = team().therapistBusy(cat, DAY, "09:00", "09:45");
        CareRequirements gentle = new CareRequirements(false, false, true, List.of(), List.of("fragile bones"));

        assertThat(ranking(snapshots, at(snapshots, "10:00", "11:00", null, null, null))).first().isNotEqualTo("cat");
        assertThat(ranking(snapshots, at(snapshots, "10:00", "11:00", null, gentle, null))).first().isEqualTo("cat");
    }

    @Test
    void homeStaffComeBeforeColleaguesCoveringFromElsewhere() {
        Therapist visitor = Fixtures.therapist("aaa-visitor", "other").covering("salon").build();
        Snapshots snapshots = Snapshots.at(salon).onShift(visitor, DAY, "09:00", "17:00").onShift(ben, DAY, "09:00", "17:00");

        assertThat(ranking(snapshots, at(snapshots, "10:00", "11:00", null, null, null))).containsExactly("ben", "aaa-visitor");
    }

    @Test
    void ranksAreNumberedFromOneAndTheVerdictsCarryThem() {
        Snapshots snapshots = team();

        Plan.Feasible plan = (Plan.Feasible) Planner.plan(snapshots.build(), at(snapshots, "10:00", "11:00", null, null, null));

        assertThat(plan.candidates()).extracting(RankedCandidate::rank).containsExactly(1, 2, 3);
        assertThat(plan.verdicts()).extracting(v -> v.rank()).containsExactly(1, 2, 3);
    }
}
