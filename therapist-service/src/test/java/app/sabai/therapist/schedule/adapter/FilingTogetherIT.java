package app.sabai.therapist.schedule.adapter;

import app.sabai.support.testing.StoreCounters;
import app.sabai.therapist.ServiceIntegrationTest;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Occupancy;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.time.Interval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions of several bookings filed together: one request per kind of resource, each day document's part guarded as a
 * filing alone is, and each filing answered on its own.
 */
class FilingTogetherIT extends ServiceIntegrationTest {

    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(5);

    @Test
    void sessionsOfSeveralBookingsAreFiledWithOneRequestPerKindOfResource() {
        Resource anna = Resource.therapist(freshId("anna"));
        Resource ben = Resource.therapist(freshId("ben"));
        Resource room = Resource.room(freshId("salon"), "table-1");
        BookedSession first = session(freshId("booking"), "10:00", 60);
        BookedSession second = session(freshId("booking"), "12:00", 60);
        BookedSession third = session(freshId("booking"), "10:00", 60);
        long updatesBefore = StoreCounters.commands(mongo, "update");

        List<Boolean> landed = reservations.reserveAll(List.of(new Reservations.Filing(anna, first), new Reservations.Filing(room, first),
                new Reservations.Filing(anna, second), new Reservations.Filing(room, second), new Reservations.Filing(ben, third)));

        assertThat(StoreCounters.commands(mongo, "update") - updatesBefore).as("one for the therapists' days, one for the rooms'").isEqualTo(2);
        assertThat(landed).containsExactly(true, true, true, true, true);
        Occupancy stored = reservations.occupancy(List.of(anna, ben, room), wholeDay());
        assertThat(stored.sessions(anna)).extracting(BookedSession::bookingId).containsExactly(first.bookingId(), second.bookingId());
        assertThat(stored.sessions(room)).extracting(BookedSession::bookingId).containsExactly(first.bookingId(), second.bookingId());
        assertThat(stored.sessions(ben)).extracting(BookedSession::bookingId).containsExactly(third.bookingId());
        assertThat(reservations.fromView(List.of(anna, room), wholeDay()).sessions(anna))
                .as("the copy in memory shows what landed").extracting(BookedSession::bookingId)
                .containsExactly(first.bookingId(), second.bookingId());
    }

    @Test
    void aFilingThatMeetsSomethingInItsWayLandsNothingAndTheOthersLand() {
        Resource anna = Resource.therapist(freshId("anna"));
        Resource ben = Resource.therapist(freshId("ben"));
        BookedSession elsewhere = session(freshId("elsewhere"), "10:00", 60);
        assertThat(reservations.fromView(List.of(anna), wholeDay()).sessions(anna)).as("known here before the other's write").isEmpty();
        StoredDays.fileInTheStoreOnly(mongo, anna, elsewhere);
        BookedSession overlapping = session(freshId("booking"), "10:30", 60);
        BookedSession later = session(freshId("booking"), "14:00", 60);

        List<Boolean> landed = reservations.reserveAll(List.of(new Reservations.Filing(anna, overlapping),
                new Reservations.Filing(ben, overlapping), new Reservations.Filing(anna, later)));

        assertThat(landed).containsExactly(false, true, true);
        assertThat(reservations.occupancy(List.of(anna, ben), wholeDay()).sessions(anna)).extracting(BookedSession::bookingId)
                .containsExactly(elsewhere.bookingId(), later.bookingId());
        assertThat(reservations.fromView(List.of(anna), wholeDay()).sessions(anna)).as("the stale copy is read again")
                .extracting(BookedSession::bookingId).containsExactly(elsewhere.bookingId(), later.bookingId());
    }

    @Test
    void aSessionOverMidnightThatMeetsSomethingOnItsSecondDayIsTakenBackFromItsFirst() {
        Resource anna = Resource.therapist(freshId("anna"));
        BookedSession early = session(freshId("elsewhere"), day.plusDays(1), "00:00", 60);
        StoredDays.fileInTheStoreOnly(mongo, anna, early);
        BookedSession overMidnight = session(freshId("booking"), "23:30", 60);
        BookedSession evening = session(freshId("booking"), "20:00", 60);
        assertThat(Reservations.dayIds(anna, overMidnight.blocked())).hasSize(2);

        List<Boolean> landed = reservations.reserveAll(List.of(new Reservations.Filing(anna, overMidnight),
                new Reservations.Filing(anna, evening)));

        assertThat(landed).containsExactly(false, true);
        assertThat(sessionsOf("therapist_days", overMidnight.bookingId())).as("nothing of it on either day").isEmpty();
        assertThat(sessionsOf("therapist_days", evening.bookingId())).hasSize(1);
    }

    private BookedSession session(String bookingId, String time, int minutes) {
        return session(bookingId, day, time, minutes);
    }

    private static BookedSession session(String bookingId, LocalDate date, String time, int minutes) {
        Instant start = date.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
        Interval blocked = new Interval(start, start.plus(Duration.ofMinutes(minutes)));
        return BookedSession.of(bookingId, 1, "salon", blocked, blocked);
    }

    private Interval wholeDay() {
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        return new Interval(start, start.plus(Duration.ofDays(1)));
    }
}
