package app.sabai.therapist.planning;

import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whom a plan may choose: anyone, only the therapist staff named, or anyone but the current one. */
class TherapistChoiceTest {

    static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);
    final Branch salon = Fixtures.salon("salon").build();
    final Therapist anna = Fixtures.therapist("anna", "salon").skills(Technique.SWEDISH).build();
    final Therapist ben = Fixtures.therapist("ben", "salon").skills(Technique.SWEDISH, Technique.PRENATAL).prenatal().build();

    @Test
    void aNamedTherapistIsTheOnlyOneConsideredAndTheRuleThatRefusesThemIsNamed() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00").onShift(ben, TUESDAY, "09:00", "17:00");
        SessionRequest prenatal = new SessionRequest("b", Technique.SWEDISH, snapshots.local(TUESDAY, "10:00", "11:00"),
                new CareRequirements(true, false, false, List.of(), List.of()), null, null, new TherapistChoice.Only("anna"));

        Plan plan = Planner.plan(snapshots.build(), prenatal);

        assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class, infeasible -> {
            assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_QUALIFIED_THERAPIST);
            assertThat(infeasible.verdicts()).singleElement().satisfies(verdict -> {
                assertThat(verdict.therapistId()).isEqualTo("anna");
                assertThat(verdict.excludedBy()).isEqualTo("PRENATAL_CERTIFIED");
            });
            assertThat(infeasible.detail()).startsWith("Therapist anna cannot give this session");
        });
        assertThat(Planner.plan(snapshots.build(), prenatal.choosing(new TherapistChoice.Only("ben"))))
                .isInstanceOfSatisfying(Plan.Feasible.class, feasible -> assertThat(feasible.best().therapist().id()).isEqualTo("ben"));
    }

    @Test
    void aNamedTherapistWhoIsBusyIsRefusedForBeingUnavailableNotUnqualified() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00").therapistBusy(anna, TUESDAY, "10:30", "11:30");

        Plan plan = Planner.plan(snapshots.build(), new SessionRequest("b", Technique.SWEDISH, snapshots.local(TUESDAY, "10:00", "11:00"),
                null, null, null, new TherapistChoice.Only("anna")));

        assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class, infeasible -> {
            assertThat(infeasible.reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE);
            assertThat(infeasible.verdicts().getFirst().excludedBy()).isEqualTo("NO_OVERLAP");
        });
    }

    @Test
    void aReassignmentLooksForSomeoneElseThanTheCurrentTherapist() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00").onShift(ben, TUESDAY, "09:00", "17:00")
                .holds("b", anna, TUESDAY, "10:00", "11:00");

        Plan plan = Planner.plan(snapshots.build(), new SessionRequest("b", Technique.SWEDISH, snapshots.local(TUESDAY, "10:00", "11:00"),
                null, null, null, new TherapistChoice.AnyoneBut("anna")));

        assertThat(plan).isInstanceOfSatisfying(Plan.Feasible.class, feasible -> {
            assertThat(feasible.candidates()).extracting(candidate -> candidate.therapist().id()).containsExactly("ben");
            assertThat(feasible.verdicts()).anySatisfy(verdict -> {
                assertThat(verdict.therapistId()).isEqualTo("anna");
                assertThat(verdict.excludedBy()).isEqualTo("NOT_THE_CURRENT_THERAPIST");
            });
        });
    }

    @Test
    void anUnknownNamedTherapistIsNobodyQualified() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, TUESDAY, "09:00", "17:00");

        Plan plan = Planner.plan(snapshots.build(), new SessionRequest("b", Technique.SWEDISH, snapshots.local(TUESDAY, "10:00", "11:00"),
                null, null, null, new TherapistChoice.Only("zoe")));

        assertThat(plan).isInstanceOfSatisfying(Plan.Infeasible.class,
                infeasible -> assertThat(infeasible.detail()).isEqualTo("There is no therapist 'zoe'"));
    }
}
