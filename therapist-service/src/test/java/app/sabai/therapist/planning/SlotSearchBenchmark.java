package app.sabai.therapist.planning;

import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Pressure;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.Fixtures;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.branch.RoomKind;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The availability search alone, in memory, at issue 9's sizes: a branch of 30 therapists on shift every day, opening
 * to closing, and 30 rooms; 1,000 hour-long sessions over 14 days; every start of the fortnight planned for a Swedish
 * hour. Prints p50 / p95 of the wall time and the mean CPU time of 200 searches after 50 warm-up ones, in the test JVM
 * (C1 alone, as the services run). The platform's figure, through the gateway, is {@code AvailabilityBenchmark}'s. Run
 * on demand: {@code ./mvnw -B -ntp -pl therapist-service -am verify -Dtest=SlotSearchBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class SlotSearchBenchmark {

    private static final int THERAPISTS = 30;
    private static final int SESSIONS = 1_000;
    private static final int DAYS = 14;
    private static final LocalDate FIRST = LocalDate.of(2026, 12, 1);

    @Test
    void aFortnightAtABigBranch() {
        Room[] rooms = IntStream.rangeClosed(1, THERAPISTS).mapToObj(n -> new Room("room-" + n, "Room " + n, RoomKind.TABLE))
                .toArray(Room[]::new);
        Branch branch = Fixtures.salon("grand").rooms(rooms).build();
        List<Therapist> team = IntStream.rangeClosed(1, THERAPISTS)
                .mapToObj(n -> Fixtures.therapist("t-" + n, "grand").named("Therapist " + n).build()).toList();
        Snapshots snapshot = Snapshots.at(branch);
        List<LocalDate> dates = FIRST.datesUntil(FIRST.plusDays(DAYS)).toList();
        dates.forEach(date -> team.forEach(therapist -> snapshot.onShift(therapist, date, "09:00", "21:00")));
        SplittableRandom random = new SplittableRandom(9);
        int booked = 0;
        boolean[][][] taken = new boolean[DAYS][THERAPISTS][48];
        while (booked < SESSIONS) {
            int day = random.nextInt(DAYS);
            int halfHour = 20 + random.nextInt(12);
            int who = random.nextInt(THERAPISTS);
            if (taken[day][who][halfHour] || taken[day][who][halfHour + 1] || taken[day][who][halfHour + 2]
                    || taken[day][who][halfHour - 1] || taken[day][who][halfHour - 2]) {
                continue;
            }
            taken[day][who][halfHour] = true;
            String from = LocalTime.of(0, 0).plusMinutes(30L * halfHour).toString();
            String to = LocalTime.of(0, 0).plusMinutes(30L * halfHour + 75).toString();
            snapshot.holds("b-" + booked, team.get(who), dates.get(day), from, to)
                    .roomBusy("room-" + (1 + booked % THERAPISTS), dates.get(day), from, to);
            booked++;
        }
        PlanningSnapshot planning = snapshot.build();
        Instant now = dates.getFirst().atStartOfDay(branch.zone()).toInstant();
        SessionRequest template = new SessionRequest(null, Technique.SWEDISH, Interval.of(now, Duration.ofMinutes(60)),
                CareRequirements.none(), new Preferences(null, GenderPreference.ANY, Pressure.MEDIUM), null, new TherapistChoice.Anyone());

        int starts = 0;
        for (int i = 0; i < 50; i++) {
            starts = SlotSearch.offers(planning, template, therapist -> true, dates, now, null, null).size();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[200];
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < wall.length; i++) {
            long started = System.nanoTime();
            starts = SlotSearch.offers(planning, template, therapist -> true, dates, now, null, null).size();
            wall[i] = System.nanoTime() - started;
        }
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "SlotSearchBenchmark: %d starts offered; p50 %.1f ms, p95 %.1f ms, CPU %.1f ms per search%n",
                starts, wall[wall.length / 2] / 1e6, wall[wall.length * 95 / 100] / 1e6, cpu / 1e6 / wall.length);
        assertThat(starts).as("every start of the fortnight has someone free").isEqualTo(DAYS * 45);
    }
}
