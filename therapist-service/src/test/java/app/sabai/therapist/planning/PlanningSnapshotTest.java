package app.sabai.therapist.planning;

import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot finds shifts, their hours and the branch's rooms its own way; it must agree with the shifts and the branch. */
class PlanningSnapshotTest {

    /** The Sunday the clocks go forward in London: a shift's hours are instants of that day's offsets. */
    static final LocalDate CLOCKS_FORWARD = LocalDate.of(2026, 3, 29);

    final Branch salon = Fixtures.salon("salon").build();
    final Therapist anna = Fixtures.therapist("anna", "salon").build();
    final Therapist ben = Fixtures.therapist("ben", "salon").build();

    @Test
    void findsEachTherapistsShiftByDateAndCoversAsTheShiftDoes() {
        Snapshots snapshots = Snapshots.at(salon)
                .onShift(anna, CLOCKS_FORWARD, "00:30", "04:00")
                .onShift(anna, CLOCKS_FORWARD.plusDays(1), "09:00", "17:00")
                .onShift(ben, CLOCKS_FORWARD, "12:00", "20:00");
        PlanningSnapshot snapshot = snapshots.build();

        Shift annasSunday = snapshot.shiftOf("anna", CLOCKS_FORWARD).orElseThrow();
        assertThat(annasSunday.start()).hasToString("00:30");
        assertThat(snapshot.shiftOf("anna", CLOCKS_FORWARD.plusDays(1)).orElseThrow().start()).hasToString("09:00");
        assertThat(snapshot.shiftOf("ben", CLOCKS_FORWARD.plusDays(1))).isEmpty();
        assertThat(snapshot.shiftOf("carla", CLOCKS_FORWARD)).isEmpty();

        for (String[] session : new String[][]{{"00:30", "01:30"}, {"02:30", "03:30"}, {"03:00", "04:00"}, {"03:30", "04:30"},
                {"00:00", "01:00"}}) {
            Interval asked = snapshots.local(CLOCKS_FORWARD, session[0], session[1]);
            assertThat(snapshot.covers(annasSunday, asked)).as("%s–%s", session[0], session[1])
                    .isEqualTo(annasSunday.covers(asked, salon.zone()));
        }
        assertThat(snapshot.covers(annasSunday, snapshots.local(CLOCKS_FORWARD, "02:00", "03:00"))).isTrue();
        assertThat(snapshot.covers(annasSunday, snapshots.local(CLOCKS_FORWARD, "03:30", "04:30"))).isFalse();
    }

    @Test
    void holdsTheBranchesRoomsByTechniqueAndAsTheResourcesOccupancyKnows() {
        PlanningSnapshot snapshot = Snapshots.at(salon).onShift(anna, CLOCKS_FORWARD, "09:00", "17:00").build();

        for (Technique technique : Technique.values()) {
            assertThat(snapshot.roomsFor(technique)).as("rooms for %s", technique).isEqualTo(salon.roomsFor(technique));
        }
        salon.rooms().forEach(room -> assertThat(snapshot.resource(room)).isEqualTo(Resource.room("salon", room.id())));
        salon.equipment().forEach(unit -> assertThat(snapshot.resource(unit)).isEqualTo(Resource.equipment("salon", unit.id())));
        assertThat(snapshot.with(Occupancy.empty()).roomsFor(Technique.THAI)).isEqualTo(salon.roomsFor(Technique.THAI));
    }
}
