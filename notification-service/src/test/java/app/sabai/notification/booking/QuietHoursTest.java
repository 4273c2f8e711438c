package app.sabai.notification.booking;

import app.sabai.notification.booking.QuietHours.Timing;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTest {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant FAR_AWAY = Instant.parse("2027-06-01T00:00:00Z");

    private final QuietHours quiet = QuietHours.STANDARD;

    @Nested
    class InBangkok {

        @ParameterizedTest(name = "{0} (local {1}) → {2}")
        @CsvSource({
                // due (UTC),          local time,              sent at (UTC)
                "2026-12-01T13:59:59Z, 20:59:59 Tuesday,        2026-12-01T13:59:59Z",
                "2026-12-01T14:00:00Z, 21:00 Tuesday,           2026-12-02T01:00:00Z",
                "2026-12-01T16:45:00Z, 23:45 Tuesday,           2026-12-02T01:00:00Z",
                "2026-12-01T17:00:00Z, 00:00 Wednesday,         2026-12-02T01:00:00Z",
                "2026-12-01T19:30:00Z, 02:30 Wednesday,         2026-12-02T01:00:00Z",
                "2026-12-02T00:59:59Z, 07:59:59 Wednesday,      2026-12-02T01:00:00Z",
                "2026-12-02T01:00:00Z, 08:00 Wednesday,         2026-12-02T01:00:00Z",
                "2026-12-31T16:45:00Z, 23:45 on New Year Eve,   2027-01-01T01:00:00Z",
                "2026-12-31T17:30:00Z, 00:30 on New Year Day,   2027-01-01T01:00:00Z"})
        void anSmsInQuietHoursWaitsUntilEightTheNextMorningAcrossMidnight(Instant due, String local, Instant sentAt) {
            assertThat(sendsAt(quiet.timing(Notice.REMINDER, due, BANGKOK, FAR_AWAY), due)).as(local).isEqualTo(sentAt);
        }
    }

    @Nested
    class InLondon {

        @ParameterizedTest(name = "{0} (local {1}) → {2}")
        @CsvSource({
                "2026-12-01T20:59:00Z, 20:59 GMT,                                   2026-12-01T20:59:00Z",
                "2026-12-01T22:15:00Z, 22:15 GMT,                                   2026-12-02T08:00:00Z",
                "2026-12-02T00:30:00Z, 00:30 GMT after midnight,                    2026-12-02T08:00:00Z",
                "2026-07-01T20:30:00Z, 21:30 BST,                                   2026-07-02T07:00:00Z",
                "2026-07-01T19:30:00Z, 20:30 BST,                                   2026-07-01T19:30:00Z",
                "2026-03-28T23:00:00Z, 23:00 GMT the night the clocks go forward,   2026-03-29T07:00:00Z",
                "2026-10-24T21:00:00Z, 22:00 BST the night the clocks go back,      2026-10-25T08:00:00Z"})
        void theQuietHoursAreTheBranchsOwnAcrossMidnightAndDaylightSaving(Instant due, String local, Instant sentAt) {
            assertThat(sendsAt(quiet.timing(Notice.CONFIRMATION, due, LONDON, FAR_AWAY), due)).as(local).isEqualTo(sentAt);
        }
    }

    @Nested
    class WhenTheSessionIsBeforeTheQuietHoursEnd {

        private final Instant tenPmInBangkok = Instant.parse("2026-12-01T15:00:00Z");
        private final Instant halfPastSevenNextMorning = Instant.parse("2026-12-02T00:30:00Z");

        @Test
        void aReminderIsSkippedWithTheReasonRatherThanSentAfterTheSessionOrAtNight() {
            Timing timing = quiet.timing(Notice.REMINDER, tenPmInBangkok, BANGKOK, halfPastSevenNextMorning);

            assertThat(timing).isInstanceOfSatisfying(Timing.Skip.class, skip -> assertThat(skip.reason())
                    .isEqualTo("quiet hours (21:00–08:00 Asia/Bangkok), and the session starts before they end"));
        }

        @Test
        void aSessionAtEightItselfIsTooLateToWaitFor() {
            Instant eight = Instant.parse("2026-12-02T01:00:00Z");

            assertThat(quiet.timing(Notice.REMINDER, tenPmInBangkok, BANGKOK, eight)).isInstanceOf(Timing.Skip.class);
            assertThat(quiet.timing(Notice.REMINDER, tenPmInBangkok, BANGKOK, eight.plusSeconds(60)))
                    .isEqualTo(new Timing.Defer(eight));
        }

        @Test
        void anUrgentChangeIsSentAtOnceBecauseTheCustomerMustKnowBeforeTheySetOff() {
            for (Notice urgent : new Notice[]{Notice.CANCELLATION, Notice.RESCHEDULED, Notice.THERAPIST_CHANGED, Notice.NEEDS_ATTENTION}) {
                assertThat(quiet.timing(urgent, tenPmInBangkok, BANGKOK, halfPastSevenNextMorning)).as(urgent.name())
                        .isInstanceOf(Timing.SendNow.class);
            }
        }

        @Test
        void anOfferThatEndsBeforeEightIsSkippedAndSaysSo() {
            Timing timing = quiet.timing(Notice.OFFER, tenPmInBangkok, BANGKOK, halfPastSevenNextMorning);

            assertThat(timing).isInstanceOfSatisfying(Timing.Skip.class, skip -> assertThat(skip.reason()).endsWith("the offer ends before they end"));
        }

        @Test
        void aMessageWithoutADeadlineAlwaysWaits() {
            assertThat(quiet.timing(Notice.COURSE_SUMMARY, tenPmInBangkok, BANGKOK, null))
                    .isEqualTo(new Timing.Defer(Instant.parse("2026-12-02T01:00:00Z")));
        }
    }

    @Test
    void quietHoursNeedALength() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new QuietHours(java.time.LocalTime.NOON, java.time.LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Instant sendsAt(Timing timing, Instant due) {
        return switch (timing) {
            case Timing.SendNow sendNow -> due;
            case Timing.Defer defer -> defer.until();
            case Timing.Skip skip -> throw new AssertionError("skipped: " + skip.reason());
        };
    }
}
