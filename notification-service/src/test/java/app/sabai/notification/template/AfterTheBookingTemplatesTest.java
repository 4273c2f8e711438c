package app.sabai.notification.template;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Message;
import app.sabai.notification.booking.ReminderPlanner;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static app.sabai.notification.testing.TestBookings.BANGKOK;
import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.alternative;
import static app.sabai.notification.testing.TestBookings.baht;
import static app.sabai.notification.testing.TestBookings.bookedSession;
import static app.sabai.notification.testing.TestBookings.cancelled;
import static app.sabai.notification.testing.TestBookings.cancelledLate;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.courseDecided;
import static app.sabai.notification.testing.TestBookings.noShow;
import static app.sabai.notification.testing.TestBookings.offered;
import static app.sabai.notification.testing.TestBookings.pounds;
import static app.sabai.notification.testing.TestBookings.rescheduled;
import static app.sabai.notification.testing.TestBookings.rescheduledLate;
import static app.sabai.notification.testing.TestBookings.unbookedSession;
import static org.assertj.core.api.Assertions.assertThat;

class AfterTheBookingTemplatesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final ReminderPlanner PLANNER = ReminderPlanner.of("P1D");

    private final MessageTemplates templates = new MessageTemplates();

    @ParameterizedTest(name = "{0} {1} in {2} → {3}")
    @CsvSource({
            "1250,   GBP, en, £12.50",
            "3000,   GBP, en, £30",
            "1250,   USD, en, $12.50",
            "123456, USD, en, '$1,234.56'",
            "45000,  THB, en, ฿450",
            "45000,  THB, th, 450 บาท",
            "45050,  THB, th, 450.50 บาท",
            "1250,   GBP, th, £12.50",
            "1250,   USD, th, $12.50",
            "995,    EUR, en, €9.95",
            "500,    JPY, en, ￥500",
            "1250,   XYZ, en, 12.50 XYZ"})
    void feesAreShownInTheirCurrencyAsTheCustomersLanguageWritesThem(long minor, String currency, String language, String shown) {
        assertThat(templates.money(new Money(minor, currency), Locale.forLanguageTag(language))).isEqualTo(shown);
    }

    @Nested
    class Cancellation {

        @Test
        void inEnglishALateCancellationSaysWhatItCosts() {
            BookingConfirmed booking = confirmed("b-1", "liverpool", LONDON, START, new Customer("Ada Lovelace", "ada@example.com", null, "en"));
            BookingNotifications state = BookingNotifications.empty("b-1").confirmed(booking, NOW, PLANNER).state()
                    .cancelled(cancelledLate(booking, pounds(1250)), NOW).state();

            RenderedMessage rendered = templates.render(state.messages().getLast(), state.details(), "Sabai Liverpool");

            assertThat(rendered.subject()).isEqualTo("Booking cancelled: Thai massage at Sabai Liverpool, Tuesday 1 December 2026, 10:00 (Europe/London)");
            assertThat(rendered.body()).isEqualTo("""
                    Hello Ada Lovelace,

                    Your Thai massage at Sabai Liverpool on Tuesday 1 December 2026, 10:00 (Europe/London) is cancelled, and no reminders will follow.

                    As the cancellation came late, a late cancellation fee of £12.50 applies.

                    We hope to see you another time.

                    Sabai""");
        }

        @Test
        void inThaiALateCancellationSaysWhatItCostsInBaht() {
            BookingConfirmed booking = confirmed("b-1", "bangkok-sukhumvit", BANGKOK, START, new Customer("สมหญิง", "s@example.com", null, "th"));
            BookingNotifications state = BookingNotifications.empty("b-1").confirmed(booking, NOW, PLANNER).state()
                    .cancelled(cancelledLate(booking, baht(45000)), NOW).state();

            RenderedMessage rendered = templates.render(state.messages().getLast(), state.details(), "Sabai Sukhumvit");

            assertThat(rendered.subject()).startsWith("ยกเลิกการจอง: นวดแผนไทย ที่ Sabai Sukhumvit");
            assertThat(rendered.body()).contains(
                    "การจอง นวดแผนไทย ที่ Sabai Sukhumvit เวลา วันอังคารที่ 1 ธันวาคม พ.ศ. 2569 เวลา 17:00 น. (Asia/Bangkok) ถูกยกเลิกแล้ว",
                    "เนื่องจากเป็นการยกเลิกล่าช้า มีค่าธรรมเนียมการยกเลิก 450 บาท");
        }

        @Test
        void aCancellationInGoodTimeSaysThereIsNoCharge() {
            BookingConfirmed booking = confirmed("b-1", "liverpool", LONDON, START, new Customer("Ada", "ada@example.com", null, "en"));
            BookingNotifications state = BookingNotifications.empty("b-1").confirmed(booking, NOW, PLANNER).state()
                    .cancelled(cancelled(booking), NOW).state();

            RenderedMessage rendered = templates.render(state.messages().getLast(), state.details(), "Sabai Liverpool");

            assertThat(rendered.body()).contains("is cancelled, and no reminders will follow.\n\nThere is no charge for this cancellation.\n\n")
                    .doesNotContain("fee");
        }
    }

    @Test
    void aLateMoveSaysWhatItCostsAndAMoveInGoodTimeLeavesNoGap() {
        BookingConfirmed booking = confirmed("b-1", "liverpool", LONDON, START, new Customer("Ada", "ada@example.com", null, "en"));
        BookingNotifications booked = BookingNotifications.empty("b-1").confirmed(booking, NOW, PLANNER).state();
        Instant later = START.plus(Duration.ofDays(1));

        BookingNotifications late = booked.rescheduled(rescheduledLate(booking, later, pounds(1250)), NOW, PLANNER).state();
        BookingNotifications inTime = booked.rescheduled(rescheduled(booking, later), NOW, PLANNER).state();

        assertThat(templates.render(late.messages().getLast(), late.details(), "Sabai Liverpool").body())
                .contains("Now: Wednesday 2 December 2026, 10:00 (Europe/London)", "As the change came late, a late change fee of £12.50 applies.");
        assertThat(templates.render(inTime.messages().getLast(), inTime.details(), "Sabai Liverpool").body())
                .contains("Therapist: Somchai\n\nSabai").doesNotContain("fee");
    }

    @Test
    void aWaitlistOfferSaysTheSlotTheTherapistUntilWhenItIsHeldInTheBranchZoneAndHowToTakeIt() {
        BookingOffered offer = offered("b-1", "liverpool", LONDON, START, Instant.parse("2026-11-20T11:30:00Z"),
                new Customer("Ada Lovelace", "ada@example.com", null, "en"));
        BookingNotifications state = BookingNotifications.empty("b-1").offered(offer, NOW).state();

        RenderedMessage rendered = templates.render(state.messages().getFirst(), state.details(), "Sabai Liverpool");

        assertThat(rendered.subject()).isEqualTo("A place has come free: Thai massage at Sabai Liverpool, Tuesday 1 December 2026, 10:00 (Europe/London)");
        assertThat(rendered.body()).isEqualTo("""
                Hello Ada Lovelace,

                Good news: a place you were waiting for has come free, and we are holding it for you.

                When: Tuesday 1 December 2026, 10:00 (Europe/London)
                Where: Sabai Liverpool
                Treatment: Thai massage, 60 minutes
                Therapist: Somchai

                Held for you until: Friday 20 November 2026, 11:30 (Europe/London)

                To take it, open your waitlist on the Sabai website or app and choose Accept before then. If you do not, the place goes to the next person waiting.

                Sabai""");
    }

    @Test
    void aCourseSummarySaysForEachSessionWhetherItIsBookedAndWhyNotWithTheAlternatives() {
        var booked = bookedSession(START, "Somchai");
        var notBooked = unbookedSession(START.plus(Duration.ofDays(3)), RejectionReason.NO_THERAPIST_AVAILABLE,
                alternative(START.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)), "Malee"));
        BookingNotifications state = BookingNotifications.empty("course-1").courseDecided(
                courseDecided("course-1", "liverpool", LONDON, new Customer("Ada Lovelace", "ada@example.com", null, "en"), booked, notBooked),
                NOW).state();

        RenderedMessage rendered = templates.render(state.messages().getFirst(), state.details(), "Sabai Liverpool");

        assertThat(rendered.subject()).isEqualTo("Your course of Thai massage at Sabai Liverpool: 1 of 2 sessions booked");
        assertThat(rendered.body()).isEqualTo("""
                Hello Ada Lovelace,

                Here is how the sessions of your course (Thai massage, 60 minutes each, at Sabai Liverpool) were booked:

                1. Tuesday 1 December 2026, 10:00 (Europe/London): booked, with Somchai
                2. Friday 4 December 2026, 10:00 (Europe/London): not booked. All our qualified therapists are booked at that time.
                   These times are free instead:
                   - Friday 4 December 2026, 12:00 (Europe/London) with Malee

                Reminders will follow before each booked session. For a session we could not book, you can choose one of the times offered, or another day.

                Sabai""");
    }

    @Test
    void aNoShowThatCostsSomethingSaysSo() {
        BookingConfirmed booking = confirmed("b-1", "liverpool", LONDON, START, new Customer("Ada", "ada@example.com", null, "en"));
        BookingNotifications state = BookingNotifications.empty("b-1").confirmed(booking, NOW, PLANNER).state()
                .noShow(noShow(booking, pounds(4500)), START.plus(Duration.ofHours(1))).state();

        RenderedMessage rendered = templates.render(state.messages().getLast(), state.details(), "Sabai Liverpool");

        assertThat(rendered.subject()).isEqualTo("Missed session: Thai massage at Sabai Liverpool, Tuesday 1 December 2026, 10:00 (Europe/London)");
        assertThat(rendered.body()).contains("Under the branch's policy for missed sessions, a fee of £45 applies.");
    }

    @ParameterizedTest
    @CsvSource({
            "en, 'Sabai: your Thai massage at Sabai Liverpool on Tuesday 1 December 2026, 10:00 (Europe/London) is cancelled. "
                    + "As the cancellation came late, a late cancellation fee of £12.50 applies.'",
            "th, 'Sabai: การจอง นวดแผนไทย ที่ Sabai Liverpool เวลา วันอังคารที่ 1 ธันวาคม พ.ศ. 2569 เวลา 10:00 น. (Europe/London) ถูกยกเลิกแล้ว "
                    + "เนื่องจากเป็นการยกเลิกล่าช้า มีค่าธรรมเนียมการยกเลิก £12.50'"})
    void anSmsIsTheShortTextWithoutTheSubject(String language, String text) {
        BookingConfirmed booking = confirmed("b-1", "liverpool", LONDON, START,
                new Customer("Ada", "ada@example.com", "+447700900123", language, true));
        BookingNotifications state = BookingNotifications.empty("b-1").confirmed(booking, NOW, PLANNER).state()
                .cancelled(cancelledLate(booking, pounds(1250)), NOW).state();
        Message sms = state.message("b-1:cancellation:sms");
        assertThat(sms.channel()).isEqualTo(Channel.SMS);

        RenderedMessage rendered = templates.render(sms, state.details(), "Sabai Liverpool");

        assertThat(rendered.body()).isEqualTo(text);
    }
}
