package app.sabai.therapist.planning;

import app.sabai.contracts.values.RejectionReason;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Re-planning the sessions of an absent therapist as one decision. */
class ReplanTest {

    static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);
    final Branch salon = Fixtures.salon("salon").build();
    final Therapist absent = Fixtures.therapist("absent", "salon").skills(Technique.SWEDISH, Technique.HOT_STONE).build();

    SessionRequest away(String bookingId, Technique technique, Snapshots snapshots, String from, String to) {
        return new SessionRequest(bookingId, technique, snapshots.local(TUESDAY, from, to), null, null, null,
                new TherapistChoice.AnyoneBut(absent.id()));
    }

    @Test
    void theHardestSessionIsPlacedFirstWhenTakingTheEarliestFirstWouldStrandIt() {
        // Both could go to Anna, only Anna does hot stone: earliest first gives the Swedish session to Anna (she sorts
        // first) and strands the hot stone one; hardest first moves both.
        Therapist anna = Fixtures.therapist("anna", "salon").skills(Technique.SWEDISH, Technique.HOT_STONE).build();
        Therapist ben = Fixtures.therapist("ben", "salon").skills(Technique.SWEDISH).build();
        Snapshots snapshots = Snapshots.at(salon)
                .onShift(absent, TUESDAY, "09:00", "17:00").onShift(anna, TUESDAY, "09:00", "17:00").onShift(ben, TUESDAY, "09:00", "17:00")
                .holds("swedish", absent, TUESDAY, "10:00", "11:00").holds("stones", absent, TUESDAY, "10:30", "11:45");

        Replan.Result result = Replan.plan(snapshots.build(), List.of(
                away("swedish", Technique.SWEDISH, snapshots, "10:00", "11:00"),
                away("stones", Technique.HOT_STONE, snapshots, "10:30", "11:45")));

        assertThat(result.order()).isEqualTo(Replan.Order.HARDEST_FIRST);
        assertThat(result.moved()).isEqualTo(2);
        assertThat(movedTo(result)).containsEntry("swedish", "ben").containsEntry("stones", "anna");
    }

    @Test
    void overlappingSessionsGoToDifferentTherapistsAndTheOneNobodyCanTakeSaysWhy() {
        Therapist anna = Fixtures.therapist("anna", "salon").skills(Technique.SWEDISH).build();
        Therapist ben = Fixtures.therapist("ben", "salon").skills(Technique.SWEDISH).build();
        Snapshots snapshots = Snapshots.at(salon)
                .onShift(absent, TUESDAY, "09:00", "17:00").onShift(anna, TUESDAY, "09:00", "17:00").onShift(ben, TUESDAY, "09:00", "17:00")
                .holds("first", absent, TUESDAY, "10:00", "11:00")
                .holds("second", absent, TUESDAY, "10:00", "11:00")
                .holds("third", absent, TUESDAY, "10:15", "11:15");

        Replan.Result result = Replan.plan(snapshots.build(), List.of(
                away("first", Technique.SWEDISH, snapshots, "10:00", "11:00"),
                away("second", Technique.SWEDISH, snapshots, "10:00", "11:00"),
                away("third", Technique.SWEDISH, snapshots, "10:15", "11:15")));

        assertThat(result.moved()).isEqualTo(2);
        assertThat(movedTo(result).values()).containsExactlyInAnyOrder("anna", "ben");
        assertThat(result.outcomes()).filteredOn(Replan.Stuck.class::isInstance).singleElement().satisfies(outcome -> {
            Replan.Stuck stuck = (Replan.Stuck) outcome;
            assertThat(stuck.why().reason()).isEqualTo(RejectionReason.NO_THERAPIST_AVAILABLE);
            assertThat(stuck.why().verdicts()).extracting(verdict -> verdict.therapistId() + ":" + verdict.excludedBy())
                    .contains("absent:NOT_THE_CURRENT_THERAPIST");
        });
    }

    @Test
    void theAbsentTherapistIsNeverChosenAndAnAbsenceExcludesTherapistsLikeAnyRule() {
        Therapist anna = Fixtures.therapist("anna", "salon").skills(Technique.SWEDISH).build();
        Snapshots snapshots = Snapshots.at(salon)
                .onShift(absent, TUESDAY, "09:00", "17:00").onShift(anna, TUESDAY, "09:00", "17:00")
                .holds("booking", absent, TUESDAY, "10:00", "11:00")
                .therapistAbsent(anna, TUESDAY, "09:30", "12:00");

        Replan.Result result = Replan.plan(snapshots.build(), List.of(away("booking", Technique.SWEDISH, snapshots, "10:00", "11:00")));

        assertThat(result.moved()).isZero();
        Replan.Stuck stuck = (Replan.Stuck) result.outcomes().getFirst();
        assertThat(stuck.why().verdicts()).extracting(verdict -> verdict.therapistId() + ":" + verdict.excludedBy())
                .containsExactlyInAnyOrder("absent:NOT_THE_CURRENT_THERAPIST", "anna:NOT_ABSENT");
        assertThat(stuck.why().verdicts()).filteredOn(verdict -> verdict.therapistId().equals("anna")).singleElement()
                .satisfies(verdict -> assertThat(verdict.detail()).startsWith("absent (SICK)").contains("09:30–12:00"));
    }

    private static Map<String, String> movedTo(Replan.Result result) {
        return result.outcomes().stream().filter(Replan.Moved.class::isInstance).map(Replan.Moved.class::cast)
                .collect(Collectors.toMap(Replan.Moved::bookingId, moved -> moved.to().therapist().id()));
    }
}
