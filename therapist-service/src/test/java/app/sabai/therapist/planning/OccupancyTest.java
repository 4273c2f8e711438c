package app.sabai.therapist.planning;

import app.sabai.therapist.time.Interval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The occupancy reads only the sessions near an interval; it must answer as reading all of them would. */
class OccupancyTest {

    private static final Resource ANNA = Resource.therapist("anna");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant MONDAY = LocalDate.of(2026, 3, 23).atStartOfDay(LONDON).toInstant();

    @Test
    void answersAsAFullReadWouldForSessionsAndAnAbsenceOfSeveralDays() {
        Random random = new Random(9);
        List<BookedSession> sessions = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant start = MONDAY.plus(Duration.ofMinutes(15L * random.nextInt(14 * 96)));
            Duration length = Duration.ofMinutes(30L + 15L * random.nextInt(8));
            Interval session = Interval.of(start, length);
            sessions.add(BookedSession.of("booking-" + i, 1, "liverpool", Interval.of(start, length.plusMinutes(15)), session));
        }
        // a week's absence across the daylight-saving change, far longer than any session
        sessions.add(BookedSession.absence("sick-1", "sick", "liverpool", Interval.of(MONDAY.plus(Duration.ofDays(3)), Duration.ofDays(7))));
        // the same session read twice, from two day documents
        sessions.add(sessions.getFirst());
        Occupancy occupancy = new Occupancy(Map.of(ANNA, sessions));

        for (int probe = 0; probe < 2_000; probe++) {
            Interval blocked = Interval.of(MONDAY.plus(Duration.ofMinutes(5L * random.nextInt(16 * 288))),
                    Duration.ofMinutes(15L + 15L * random.nextInt(12)));
            String forBooking = random.nextInt(4) == 0 ? "booking-" + random.nextInt(120) : null;
            assertThat(occupancy.conflict(ANNA, blocked, forBooking)).as("conflict with %s", blocked)
                    .isEqualTo(fullRead(sessions, blocked, forBooking));
            assertThat(occupancy.isFree(ANNA, blocked, forBooking)).isEqualTo(fullRead(sessions, blocked, forBooking).isEmpty());
        }
        for (int day = -1; day < 16; day++) {
            LocalDate date = LocalDate.of(2026, 3, 23).plusDays(day);
            long expected = sessions.stream().distinct().filter(session -> !session.isAbsence())
                    .filter(session -> session.sessionStart().atZone(LONDON).toLocalDate().equals(date)).count();
            assertThat(occupancy.count(ANNA, date, LONDON, null)).as("sessions on %s", date).isEqualTo((int) expected);
        }
    }

    /** The occupancy searches starts in whole seconds; sessions and questions inside one second must still be told apart. */
    @Test
    void answersAsAFullReadWouldWhenSessionsAndQuestionsFallWithinTheSameSecond() {
        Random random = new Random(11);
        List<BookedSession> sessions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant start = MONDAY.plusSeconds(random.nextInt(120)).plusNanos(random.nextInt(1_000_000_000));
            Interval blocked = Interval.of(start, Duration.ofNanos(1 + random.nextInt(300_000_000)));
            sessions.add(BookedSession.of("booking-" + i, 1, "liverpool", blocked, blocked));
        }
        Occupancy occupancy = new Occupancy(Map.of(ANNA, sessions));

        for (int probe = 0; probe < 5_000; probe++) {
            Interval blocked = Interval.of(MONDAY.plusSeconds(random.nextInt(122) - 1).plusNanos(random.nextInt(1_000_000_000)),
                    Duration.ofNanos(1 + random.nextInt(1_500_000_000)));
            assertThat(occupancy.conflict(ANNA, blocked, null)).as("conflict with %s", blocked)
                    .isEqualTo(fullRead(sessions, blocked, null));
        }
    }

    @Test
    void aSessionAddedOrReleasedIsSeenByTheNextQuestion() {
        Interval ten = Interval.of(MONDAY.plus(Duration.ofHours(10)), Duration.ofHours(1));
        Occupancy empty = Occupancy.empty();

        Occupancy held = empty.with(ANNA, BookedSession.of("booking-1", 1, "liverpool", ten, ten));
        Occupancy released = held.without(ANNA, "booking-1");

        assertThat(empty.isFree(ANNA, ten, null)).isTrue();
        assertThat(held.isFree(ANNA, ten, null)).isFalse();
        assertThat(held.isFree(ANNA, ten, "booking-1")).as("what the booking itself holds").isTrue();
        assertThat(released.isFree(ANNA, ten, null)).isTrue();
        assertThat(held.count(ANNA, LocalDate.of(2026, 3, 23), LONDON, null)).isEqualTo(1);
    }

    private static Optional<BookedSession> fullRead(List<BookedSession> sessions, Interval blocked, String forBooking) {
        return sessions.stream()
                .filter(session -> !session.heldBy(forBooking))
                .filter(session -> session.blocked().overlaps(blocked))
                .min(Comparator.comparing(BookedSession::isAbsence).reversed().thenComparing(BookedSession::start));
    }
}
