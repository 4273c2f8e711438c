package app.sabai.therapist.planning;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlotSearchTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    final Branch salon = Fixtures.salon("salon").build();
    final Therapist anna = Fixtures.therapist("anna", "salon").named("Anna").build();

    @Test
    void startsLieOnAQuarterHourGridWithinOpeningHours() {
        List<Instant> starts = SlotSearch.starts(salon, DAY, Duration.ofMinutes(60));

        assertThat(starts).first().isEqualTo(at(DAY, "09:00"));
        assertThat(starts).last().isEqualTo(at(DAY, "20:00"));
        assertThat(starts).hasSize(45);
        assertThat(starts).allSatisfy(start -> assertThat(start.atZone(Fixtures.LONDON).getMinute() % 15).isZero());
    }

    @Test
    void wallClockTimesSkippedByTheClocksGoingForwardDoNotExist() {
        Branch nightOwl = Fixtures.salon("night").hours(LocalTime.of(0, 0), LocalTime.of(6, 0)).build();
        LocalDate springForward = LocalDate.of(2026, 3, 29);

        List<Instant> starts = SlotSearch.starts(nightOwl, springForward, Duration.ofMinutes(60));

        assertThat(starts).doesNotHaveDuplicates();
        assertThat(starts.stream().map(start -> start.atZone(Fixtures.LONDON).toLocalTime()))
                .doesNotContain(LocalTime.of(1, 0), LocalTime.of(1, 15), LocalTime.of(1, 30), LocalTime.of(1, 45))
                .contains(LocalTime.of(0, 45), LocalTime.of(2, 0), LocalTime.of(5, 0));
        assertThat(starts).hasSize(4 + 13);
    }

    @Test
    void wallClockTimesRepeatedByTheClocksGoingBackOccurTwice() {
        Branch nightOwl = Fixtures.salon("night").hours(LocalTime.of(0, 0), LocalTime.of(6, 0)).build();
        LocalDate fallBack = LocalDate.of(2026, 10, 25);

        List<Instant> starts = SlotSearch.starts(nightOwl, fallBack, Duration.ofMinutes(60));

        assertThat(starts).contains(Instant.parse("2026-10-25T00:15:00Z"), Instant.parse("2026-10-25T01:15:00Z"));
        assertThat(starts).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void openSlotsCountTheFreeTherapistsAndLeaveOutThePast() {
        Therapist ben = Fixtures.therapist("ben", "salon").build();
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, DAY, "09:00", "17:00").onShift(ben, DAY, "13:00", "21:00")
                .therapistBusy(anna, DAY, "14:00", "15:15");

        List<SlotSearch.OpenSlot> slots = SlotSearch.openSlots(snapshots.build(), Technique.SWEDISH, Duration.ofMinutes(60), DAY,
                at(DAY, "12:00"));

        assertThat(slots).first().satisfies(slot -> {
            assertThat(slot.session().start()).isEqualTo(at(DAY, "12:00"));
            assertThat(slot.therapists()).isEqualTo(1);
        });
        assertThat(slots).filteredOn(slot -> slot.session().start().equals(at(DAY, "13:00"))).singleElement()
                .satisfies(slot -> assertThat(slot.therapists()).isEqualTo(1));
        assertThat(slots).filteredOn(slot -> slot.session().start().equals(at(DAY, "15:15"))).singleElement()
                .satisfies(slot -> assertThat(slot.therapists()).isEqualTo(2));
        assertThat(slots).last().satisfies(slot -> assertThat(slot.session().start()).isEqualTo(at(DAY, "20:00")));
    }

    @Test
    void alternativesAreTheNearestFreeStartTimesOnTheSameDay() {
        // The only heater is in use 13:00–16:00; a 60-minute hot stone session keeps it 75 minutes.
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, DAY, "09:00", "21:00").unitBusy("heater-1", DAY, "13:00", "16:00");
        SessionRequest request = SessionRequest.of(Technique.HOT_STONE, snapshots.local(DAY, "14:00", "15:00"));

        List<Alternative> alternatives = SlotSearch.alternatives(snapshots.build(), request, List.of(DAY), at(DAY, "08:00"), 5);

        assertThat(alternatives).extracting(Alternative::start).containsExactly(
                at(DAY, "16:00"), at(DAY, "11:45"), at(DAY, "16:15"), at(DAY, "11:30"), at(DAY, "16:30"));
        assertThat(alternatives).allSatisfy(alternative -> {
            assertThat(alternative.therapistId()).isEqualTo("anna");
            assertThat(alternative.therapistName()).isEqualTo("Anna");
            assertThat(Duration.between(alternative.start(), alternative.end())).isEqualTo(Duration.ofMinutes(60));
        });
    }

    @Test
    void alternativesAreNeverInThePast() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, DAY, "09:00", "21:00").unitBusy("heater-1", DAY, "13:00", "16:00");
        SessionRequest request = SessionRequest.of(Technique.HOT_STONE, snapshots.local(DAY, "14:00", "15:00"));

        List<Alternative> alternatives = SlotSearch.alternatives(snapshots.build(), request, List.of(DAY), at(DAY, "15:00"), 5);

        assertThat(alternatives).extracting(Alternative::start).containsExactly(
                at(DAY, "16:00"), at(DAY, "16:15"), at(DAY, "16:30"), at(DAY, "16:45"), at(DAY, "17:00"));
    }

    @Test
    void whenTheDayIsFullTheFollowingDaysAreOfferedInOrder() {
        LocalDate nextDay = DAY.plusDays(1);
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, DAY, "09:00", "21:00").therapistBusy(anna, DAY, "09:00", "21:15")
                .onShift(anna, nextDay, "13:00", "17:00");
        SessionRequest request = SessionRequest.of(Technique.SWEDISH, snapshots.local(DAY, "14:00", "15:00"));

        List<Alternative> alternatives = SlotSearch.alternatives(snapshots.build(), request, List.of(DAY, nextDay), at(DAY, "08:00"), 3);

        assertThat(alternatives).extracting(Alternative::start).containsExactly(at(nextDay, "13:00"), at(nextDay, "13:15"), at(nextDay, "13:30"));
    }

    @Test
    void theRequestedStartIsNeverOfferedAsItsOwnAlternative() {
        Snapshots snapshots = Snapshots.at(salon).onShift(anna, DAY, "09:00", "21:00");
        SessionRequest request = SessionRequest.of(Technique.SWEDISH, snapshots.local(DAY, "14:00", "15:00"));

        List<Alternative> alternatives = SlotSearch.alternatives(snapshots.build(), request, List.of(DAY), at(DAY, "08:00"), 5);

        assertThat(alternatives).extracting(Alternative::start).doesNotContain(at(DAY, "14:00")).doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void theGridFollowsTheBranchZone() {
        Branch newYork = Fixtures.salon("nyc").zone(ZoneId.of("America/New_York")).build();

        assertThat(SlotSearch.starts(newYork, DAY, Duration.ofMinutes(30))).first().isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(new Interval(at(DAY, "09:00"), at(DAY, "10:00")).length()).isEqualTo(Duration.ofHours(1));
    }

    private static Instant at(LocalDate date, String time) {
        return date.atTime(LocalTime.parse(time)).atZone(Fixtures.LONDON).toInstant();
    }
}
