package app.sabai.therapist.roster;

import app.sabai.therapist.time.Interval;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The working time a roster change adds, date by date, from now on. */
class OpenedTimeTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);
    static final Instant EARLY_TUESDAY = Instant.parse("2026-12-01T06:00:00Z");
    static final List<LocalDate> WEEK = TUESDAY.datesUntil(TUESDAY.plusDays(7)).toList();
    static final Map<String, ZoneId> ZONES = Map.of("salon", LONDON, "riverside", PARIS);

    /** Tuesday to Friday, 09:00–17:00 at the salon. */
    final Roster weekdays = new Roster("anna", List.of(
            weekly(DayOfWeek.TUESDAY), weekly(DayOfWeek.WEDNESDAY), weekly(DayOfWeek.THURSDAY), weekly(DayOfWeek.FRIDAY)), List.of(), 3);

    @Test
    void anExtraDayOpensAllOfIt() {
        LocalDate saturday = TUESDAY.plusDays(4);
        Roster after = weekdays.withChange(new DayChange(saturday, "salon", time("10:00"), time("14:00"), "cover"), TUESDAY);

        assertThat(opened(weekdays, after, EARLY_TUESDAY))
                .containsExactly(new OpenedTime.Opened("salon", london(saturday, "10:00", "14:00")));
    }

    @Test
    void aLongerShiftOpensWhatItGainsOnEitherSide() {
        Roster after = weekdays.withChange(new DayChange(TUESDAY.plusDays(1), "salon", time("08:00"), time("20:00"), null), TUESDAY);

        assertThat(opened(weekdays, after, EARLY_TUESDAY)).containsExactly(
                new OpenedTime.Opened("salon", london(TUESDAY.plusDays(1), "08:00", "09:00")),
                new OpenedTime.Opened("salon", london(TUESDAY.plusDays(1), "17:00", "20:00")));
    }

    @Test
    void aShorterShiftOrAnUnchangedRosterOpensNothing() {
        Roster shorter = weekdays.withChange(new DayChange(TUESDAY.plusDays(1), "salon", time("10:00"), time("16:00"), null), TUESDAY);
        Roster dayOff = weekdays.withChange(DayChange.off(TUESDAY.plusDays(2), "dentist"), TUESDAY);

        assertThat(opened(weekdays, shorter, EARLY_TUESDAY)).isEmpty();
        assertThat(opened(weekdays, dayOff, EARLY_TUESDAY)).isEmpty();
        assertThat(opened(weekdays, weekdays, EARLY_TUESDAY)).isEmpty();
    }

    @Test
    void aShiftMovedToAnotherBranchOpensAllOfItThereInThatBranchsZone() {
        LocalDate wednesday = TUESDAY.plusDays(1);
        Roster after = weekdays.withChange(new DayChange(wednesday, "riverside", time("09:00"), time("17:00"), null), TUESDAY);

        assertThat(opened(weekdays, after, EARLY_TUESDAY)).containsExactly(new OpenedTime.Opened("riverside",
                new Interval(Instant.parse("2026-12-02T08:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"))));
    }

    @Test
    void aDayOffTakenBackOpensTheShiftItHadTakenAway() {
        LocalDate thursday = TUESDAY.plusDays(2);
        Roster withDayOff = weekdays.withChange(DayChange.off(thursday, "dentist"), TUESDAY);

        assertThat(opened(withDayOff, withDayOff.withoutChange(thursday), EARLY_TUESDAY))
                .containsExactly(new OpenedTime.Opened("salon", london(thursday, "09:00", "17:00")));
    }

    @Test
    void anEarlierStartOnTheDateTheClocksGoForwardOpensTheHoursReallyWorked() {
        LocalDate springForward = LocalDate.of(2027, 3, 28);
        Roster before = weekdays.withChange(new DayChange(springForward, "salon", time("09:00"), time("17:00"), null), springForward);
        Roster after = before.withChange(new DayChange(springForward, "salon", time("00:00"), time("17:00"), null), springForward);

        List<OpenedTime.Opened> opened = OpenedTime.between(before, after, List.of(springForward), branch -> Optional.of(LONDON),
                Instant.parse("2027-03-27T12:00:00Z"));

        assertThat(opened).singleElement().satisfies(time -> {
            assertThat(time.interval().start()).as("00:00 GMT").isEqualTo(Instant.parse("2027-03-28T00:00:00Z"));
            assertThat(time.interval().end()).as("09:00 BST").isEqualTo(Instant.parse("2027-03-28T08:00:00Z"));
            assertThat(time.interval().length()).as("nine hours on the wall clock").hasHours(8);
        });
    }

    @Test
    void nothingIsOpenedInThePastAndTimeUnderWayOpensFromNow() {
        Roster monday = weekdays.withWeekly(List.of(weekly(DayOfWeek.MONDAY)));
        Roster longerTuesday = weekdays.withChange(new DayChange(TUESDAY, "salon", time("09:00"), time("20:00"), null), TUESDAY);
        Instant tuesdayAfternoon = at(TUESDAY, "18:00");
        List<LocalDate> fromMonday = List.of(TUESDAY.minusDays(1), TUESDAY);

        assertThat(OpenedTime.between(Roster.empty("anna"), monday, fromMonday, branch -> Optional.of(LONDON), tuesdayAfternoon)).isEmpty();
        assertThat(OpenedTime.between(weekdays, longerTuesday, fromMonday, branch -> Optional.of(LONDON), tuesdayAfternoon))
                .containsExactly(new OpenedTime.Opened("salon", new Interval(tuesdayAfternoon, at(TUESDAY, "20:00"))));
    }

    @Test
    void aBranchWithNoKnownZoneOpensNothing() {
        Roster after = weekdays.withChange(new DayChange(TUESDAY.plusDays(5), "salon", time("09:00"), time("17:00"), null), TUESDAY);

        assertThat(OpenedTime.between(weekdays, after, WEEK, branch -> Optional.empty(), EARLY_TUESDAY)).isEmpty();
    }

    private static List<OpenedTime.Opened> opened(Roster before, Roster after, Instant now) {
        return OpenedTime.between(before, after, WEEK, branch -> Optional.ofNullable(ZONES.get(branch)), now);
    }

    private static WeeklyShift weekly(DayOfWeek day) {
        return new WeeklyShift(day, "salon", time("09:00"), time("17:00"));
    }

    private static LocalTime time(String text) {
        return LocalTime.parse(text);
    }

    private static Interval london(LocalDate date, String start, String end) {
        return new Interval(at(date, start), at(date, end));
    }

    private static Instant at(LocalDate date, String time) {
        return date.atTime(time(time)).atZone(LONDON).toInstant();
    }
}
