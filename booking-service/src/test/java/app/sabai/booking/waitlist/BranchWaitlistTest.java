package app.sabai.booking.waitlist;

import app.sabai.booking.waitlist.BranchWaitlist.Candidate;
import app.sabai.booking.waitlist.BranchWaitlist.Hold;
import app.sabai.booking.waitlist.BranchWaitlist.Waiting;
import app.sabai.contracts.values.Technique;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Free time goes to the first entry, in order of creation, that it fits. Tuesday 1 December 2026 in London. */
class BranchWaitlistTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Instant NOT_BEFORE = NOW.plus(Duration.ofMinutes(15));
    static final Instant LATEST = NOW.plus(Duration.ofDays(90));
    static final BiPredicate<Instant, Instant> ALWAYS_OPEN = (start, end) -> true;
    static final Instant TEN = at("2026-12-01T10:00");

    @Test
    void aReleasedSlotGoesToTheFirstEntryItFitsAtExactlyItsStart() {
        BranchWaitlist waitlist = waitlistOf(
                waiting("w-swedish", new Wish(Technique.SWEDISH, 60, LONDON, at("2026-12-01T00:00"), at("2026-12-02T00:00"), List.of(), null, null)),
                waiting("w-long", wish(90)),
                waiting("w-first", wish(60)),
                waiting("w-second", wish(60)));

        List<Candidate> candidates = waitlist.candidates(released(TEN, 60), Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN);

        assertThat(candidates).extracting(candidate -> candidate.waiting().waitlistId()).containsExactly("w-first", "w-second");
        assertThat(candidates.getFirst().start()).isEqualTo(TEN);
    }

    @Test
    void theWindowWeekdaysAndTimesOfDayMustFit() {
        Wish tuesdayMornings = new Wish(Technique.THAI, 60, LONDON, at("2026-11-30T00:00"), at("2026-12-09T00:00"),
                List.of(DayOfWeek.TUESDAY), LocalTime.of(9, 0), LocalTime.of(10, 0));
        BranchWaitlist waitlist = waitlistOf(waiting("w-1", tuesdayMornings));

        assertThat(waitlist.candidates(released(TEN, 60), Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN)).hasSize(1);
        assertThat(waitlist.candidates(released(at("2026-12-01T10:15"), 60), Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN))
                .as("after the latest start").isEmpty();
        assertThat(waitlist.candidates(released(at("2026-12-02T10:00"), 60), Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN))
                .as("a Wednesday").isEmpty();
        assertThat(waitlist.candidates(released(at("2026-12-15T10:00"), 60), Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN))
                .as("after the window").isEmpty();
        assertThat(waitlist.candidates(released(TEN, 45), Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN)).as("too short").isEmpty();
        assertThat(waitlist.candidates(released(TEN, 60), Set.of(), TEN.plusSeconds(1), LATEST, ALWAYS_OPEN))
                .as("too soon to be accepted").isEmpty();
        assertThat(waitlist.candidates(released(TEN, 60), Set.of(), NOT_BEFORE, LATEST, (start, end) -> false)).as("closed").isEmpty();
    }

    @Test
    void entriesHoldingASlotOrTriedAlreadyAreLeftOut() {
        Hold hold = new Hold("b-1", TEN, TEN.plus(Duration.ofHours(1)), NOW.plus(Duration.ofMinutes(15)), released(TEN, 60),
                List.of("w-1"));
        BranchWaitlist waitlist = waitlistOf(waiting("w-1", wish(60)), waiting("w-2", wish(60)), waiting("w-3", wish(60)))
                .holding("w-1", hold);

        assertThat(waitlist.candidates(released(TEN, 60), Set.of("w-2"), NOT_BEFORE, LATEST, ALWAYS_OPEN))
                .extracting(candidate -> candidate.waiting().waitlistId()).containsExactly("w-3");
        assertThat(waitlist.holding("b-1")).map(Waiting::waitlistId).contains("w-1");
        assertThat(waitlist.released("b-1").holding("b-1")).isEmpty();
        assertThat(waitlist.released("b-1").entry("w-1")).map(Waiting::hold).isEmpty();
        assertThat(waitlist.without("w-2").entries()).extracting(Waiting::waitlistId).containsExactly("w-1", "w-3");
        assertThat(waitlist.with(waiting("w-2", wish(60)))).isEqualTo(waitlist);
    }

    @Test
    void aWithdrawnAbsenceIsOfferedAtTheEarliestQuarterHourThatFits() {
        Wish afternoons = new Wish(Technique.THAI, 60, LONDON, at("2026-12-01T00:00"), at("2026-12-02T00:00"), List.of(),
                LocalTime.of(13, 10), null);
        FreeTime absence = new FreeTime("liverpool", at("2026-12-01T09:07"), at("2026-12-01T17:00"), null, false, "e-1");

        assertThat(waitlistOf(waiting("w-1", afternoons)).candidates(absence, Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN))
                .singleElement().satisfies(candidate -> assertThat(candidate.start()).isEqualTo(at("2026-12-01T13:15")));
        assertThat(waitlistOf(waiting("w-2", wish(60))).candidates(absence, Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN))
                .singleElement().satisfies(candidate -> assertThat(candidate.start()).isEqualTo(at("2026-12-01T09:15")));
        FreeTime tooShort = new FreeTime("liverpool", at("2026-12-01T09:07"), at("2026-12-01T10:14"), null, false, "e-2");
        assertThat(waitlistOf(waiting("w-2", wish(60))).candidates(tooShort, Set.of(), NOT_BEFORE, LATEST, ALWAYS_OPEN)).isEmpty();
    }

    @Test
    void entriesWhoseWindowHasPassedArePruned() {
        BranchWaitlist waitlist = waitlistOf(waiting("w-1", wish(60)));

        assertThat(waitlist.pruned(NOW).entries()).hasSize(1);
        assertThat(waitlist.pruned(at("2026-12-01T23:30")).entries()).isEmpty();
    }

    @Test
    void theQuarterHourGridIsTheClocksQuarterHours() {
        assertThat(FreeTime.onGrid(Instant.parse("2026-12-01T09:00:00Z"))).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(FreeTime.onGrid(Instant.parse("2026-12-01T09:00:00.001Z"))).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
        assertThat(FreeTime.onGrid(Instant.parse("2026-12-01T09:44:59Z"))).isEqualTo(Instant.parse("2026-12-01T09:45:00Z"));
    }

    private static Wish wish(int minutes) {
        return new Wish(Technique.THAI, minutes, LONDON, at("2026-12-01T00:00"), at("2026-12-02T00:00"), List.of(), null, null);
    }

    private static FreeTime released(Instant start, int minutes) {
        return new FreeTime("liverpool", start, start.plus(Duration.ofMinutes(minutes)), Technique.THAI, true, "e-1");
    }

    private static Waiting waiting(String id, Wish wish) {
        return new Waiting(id, "customer-" + id, wish, NOW, null);
    }

    private static BranchWaitlist waitlistOf(Waiting... entries) {
        BranchWaitlist waitlist = BranchWaitlist.empty("liverpool");
        for (Waiting entry : entries) {
            waitlist = waitlist.with(entry);
        }
        return waitlist;
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(LONDON).toInstant();
    }
}
