package app.sabai.notification.template;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.Money;
import app.sabai.contracts.values.RejectionReason;
import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Message;
import app.sabai.notification.booking.MessageFacts;
import app.sabai.notification.booking.MessageStatus;
import app.sabai.notification.booking.Notice;
import app.sabai.notification.booking.ReminderPlanner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static app.sabai.notification.testing.TestBookings.BANGKOK;
import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.alternative;
import static app.sabai.notification.testing.TestBookings.bookedSession;
import static app.sabai.notification.testing.TestBookings.unbookedSession;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.needsAttention;
import static app.sabai.notification.testing.TestBookings.rejected;
import static app.sabai.notification.testing.TestBookings.therapistChanged;
import static org.assertj.core.api.Assertions.assertThat;

class MessageTemplatesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final MessageTemplates templates = new MessageTemplates();

    @Test
    void anEnglishConfirmationShowsTheLocalTimeWithItsZoneTheBranchTreatmentDurationAndTherapist() {
        BookingNotifications booking = confirmedFor(new Customer("Ada Lovelace", "ada@example.com", null, "en"), LONDON);

        RenderedMessage rendered = templates.render(booking.messages().getFirst(), booking.details(), "Sabai Liverpool");

        assertThat(rendered.subject())
                .isEqualTo("Booking confirmed: Thai massage at Sabai Liverpool, Tuesday 1 December 2026, 10:00 (Europe/London)");
        assertThat(rendered.body()).contains(
                "Hello Ada Lovelace,",
                "When: Tuesday 1 December 2026, 10:00 (Europe/London)",
                "Where: Sabai Liverpool",
                "Treatment: Thai massage, 60 minutes",
                "Therapist: Somchai");
    }

    @Test
    void aThaiConfirmationIsInThaiWithTheBuddhistEraAndTheBranchsLocalTime() {
        BookingNotifications booking = confirmedFor(new Customer("สมหญิง", "somying@example.com", null, "th"), BANGKOK);

        RenderedMessage rendered = templates.render(booking.messages().getFirst(), booking.details(), "Sabai Sukhumvit");

        assertThat(rendered.subject()).startsWith("ยืนยันการจอง: นวดแผนไทย ที่ Sabai Sukhumvit");
        assertThat(rendered.body()).contains(
                "เรียน คุณสมหญิง",
                "วันและเวลา: วันอังคารที่ 1 ธันวาคม พ.ศ. 2569 เวลา 17:00 น. (Asia/Bangkok)",
                "บริการ: นวดแผนไทย 60 นาที",
                "นักบำบัด: Somchai");
    }

    @ParameterizedTest
    @CsvSource({"th-TH, เรียน", "de, Hello", "'', Hello"})
    void theLanguageFallsBackToEnglishWhenThereIsNoBundleForIt(String language, String greeting) {
        BookingNotifications booking = confirmedFor(new Customer("Ada", "ada@example.com", null, language), LONDON);

        RenderedMessage rendered = templates.render(booking.messages().getFirst(), booking.details(), "Sabai Liverpool");

        assertThat(rendered.body()).startsWith(greeting);
    }

    @Test
    void aRejectionGivesTheReasonAndListsTheAlternativesInTheBranchZone() {
        var alternatives = List.of(alternative(Instant.parse("2026-12-01T11:30:00Z"), "Malee"),
                alternative(Instant.parse("2026-12-02T03:00:00Z"), "Niran"));
        BookingNotifications booking = BookingNotifications.empty("b-1").rejected(rejected("b-1", "bangkok-sukhumvit", BANGKOK,
                START, new Customer("Ada", "ada@example.com", null, "en"), alternatives), NOW).state();

        RenderedMessage rendered = templates.render(booking.messages().getFirst(), booking.details(), "Sabai Sukhumvit");

        assertThat(rendered.subject()).isEqualTo("We could not book your Hot stone therapy at Sabai Sukhumvit");
        assertThat(rendered.body()).contains(
                "for Tuesday 1 December 2026, 17:00 (Asia/Bangkok)",
                "Why: The equipment this treatment needs is in use at that time.",
                "These times are free instead:\n"
                        + "- Tuesday 1 December 2026, 18:30 (Asia/Bangkok) with Malee\n"
                        + "- Wednesday 2 December 2026, 10:00 (Asia/Bangkok) with Niran");
    }

    @Test
    void withoutAlternativesTheCustomerIsToldSo() {
        BookingNotifications booking = BookingNotifications.empty("b-1").rejected(rejected("b-1", "liverpool", LONDON,
                START, new Customer("Ada", "ada@example.com", null, "th"), List.of()), NOW).state();

        RenderedMessage rendered = templates.render(booking.messages().getFirst(), booking.details(), "Sabai Liverpool");

        assertThat(rendered.body()).contains("ขณะนี้ยังไม่มีเวลาว่างอื่น", "อุปกรณ์ที่ใช้สำหรับบริการนี้ไม่ว่างในเวลานั้น");
    }

    @ParameterizedTest
    @CsvSource({"en, EMAIL", "th, EMAIL", "en, SMS", "th, SMS", "en, ", "th, "})
    void everyNoticeRendersInEveryLanguageOnEveryChannelWithNothingLeftUnfilled(String language, Channel channel) {
        BookingNotifications booking = confirmedFor(new Customer("Ada", "ada@example.com", null, language), LONDON);
        for (Notice notice : Notice.values()) {
            for (Money fee : Arrays.asList(new Money(1250, "GBP"), null)) {
                Message message = new Message("m", notice, channel, "ada@example.com", MessageStatus.PENDING, NOW, 0, null, null, null,
                        null, null, null, new MessageFacts("OTHER", null, List.of(alternative(START.plusSeconds(7200), "Malee")),
                        START.minus(Duration.ofDays(1)), "Niran", fee, START.minus(Duration.ofHours(5)),
                        List.of(bookedSession(START, "Malee"), unbookedSession(START.plus(Duration.ofDays(2)),
                                RejectionReason.NO_ROOM_AVAILABLE, alternative(START.plus(Duration.ofDays(3)), "Niran")))));

                RenderedMessage rendered = templates.render(message, booking.details(), "Sabai Liverpool");

                assertThat(rendered.subject()).as(notice + " subject").isNotBlank().doesNotContain("{", "}");
                assertThat(rendered.body()).as(notice + " body").isNotBlank().doesNotContain("{", "}", "\n\n\n");
            }
        }
        assertThat(Arrays.stream(Notice.values()).map(MessageTemplates::templateOf))
                .contains("confirmation", "reminder", "needs-attention", "therapist-changed", "offer", "course-summary", "no-show");
    }

    @Test
    void aCourseSummarySaysWhichSessionsWereBookedNotBookedOrCancelledBeforeTheirDecision() {
        BookingNotifications booking = confirmedFor(new Customer("Ada", "ada@example.com", null, "en"), LONDON);
        CourseDecided.Session cancelled = new CourseDecided.Session("s-3", START.plus(Duration.ofDays(7)), "CANCELLED", null, null, null,
                List.of());
        Message message = new Message("m", Notice.COURSE_SUMMARY, Channel.EMAIL, "ada@example.com", MessageStatus.PENDING, NOW, 0, null,
                null, null, null, null, null, new MessageFacts(null, null, List.of(), null, null, null, null,
                List.of(bookedSession(START, "Malee"), unbookedSession(START.plus(Duration.ofDays(2)), RejectionReason.NO_ROOM_AVAILABLE),
                        cancelled)));

        RenderedMessage rendered = templates.render(message, booking.details(), "Sabai Liverpool");

        assertThat(rendered.subject()).contains("1 of 3 sessions booked");
        assertThat(rendered.body()).contains("1. Tuesday 1 December 2026, 10:00 (Europe/London): booked, with Malee",
                "2. Thursday 3 December 2026, 10:00 (Europe/London): not booked.",
                "3. Tuesday 8 December 2026, 10:00 (Europe/London): cancelled before it was booked");
    }

    @Test
    void theThaiBundleHasEveryTextTheEnglishOneHas() throws IOException {
        Properties english = bundle("notifications.properties");
        Properties thai = bundle("notifications_th.properties");

        assertThat(thai.stringPropertyNames()).containsAll(english.stringPropertyNames());
    }

    @ParameterizedTest
    @EnumSource(Notice.class)
    void everyNoticeHasAShortTextForSms(Notice notice) throws IOException {
        String template = MessageTemplates.templateOf(notice);

        assertThat(bundle("notifications.properties").stringPropertyNames()).contains(template + ".sms");
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = MessageTemplates.class.getClassLoader().getResourceAsStream("templates/" + name)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Nested
    class TherapistChanged {

        @Test
        void inEnglishItNamesTheNewTherapistTheOneReplacedAndTheLocalTimeWithItsZone() {
            BookingNotifications booking = changedTo("Malee", new Customer("Ada Lovelace", "ada@example.com", null, "en"), LONDON);

            RenderedMessage rendered = templates.render(booking.messages().getLast(), booking.details(), "Sabai Liverpool");

            assertThat(rendered.subject())
                    .isEqualTo("New therapist for your Thai massage at Sabai Liverpool, Tuesday 1 December 2026, 10:00 (Europe/London)");
            assertThat(rendered.body()).contains(
                    "Hello Ada Lovelace,",
                    "Your therapist has changed: Malee will now give your session.",
                    "When: Tuesday 1 December 2026, 10:00 (Europe/London)",
                    "Where: Sabai Liverpool",
                    "Treatment: Thai massage, 60 minutes",
                    "Therapist: Malee (instead of Somchai)\n");
            assertThat(rendered.body()).as("the reason staff gave stays with staff").doesNotContain("sick leave");
        }

        @Test
        void inThaiItIsInThaiWithTheBuddhistEraAndTheBranchsLocalTime() {
            BookingNotifications booking = changedTo("Malee", new Customer("สมหญิง", "somying@example.com", null, "th"), BANGKOK);

            RenderedMessage rendered = templates.render(booking.messages().getLast(), booking.details(), "Sabai Sukhumvit");

            assertThat(rendered.subject())
                    .isEqualTo("เปลี่ยนนักบำบัด: นวดแผนไทย ที่ Sabai Sukhumvit วันอังคารที่ 1 ธันวาคม พ.ศ. 2569 เวลา 17:00 น. (Asia/Bangkok)");
            assertThat(rendered.body()).contains(
                    "เรียน คุณสมหญิง",
                    "นักบำบัดของคุณเปลี่ยนเป็น Malee",
                    "วันและเวลา: วันอังคารที่ 1 ธันวาคม พ.ศ. 2569 เวลา 17:00 น. (Asia/Bangkok)",
                    "บริการ: นวดแผนไทย 60 นาที",
                    "นักบำบัด: Malee (แทน Somchai)\n");
            assertThat(rendered.body()).doesNotContain("sick leave");
        }

        @ParameterizedTest
        @CsvSource({"en, Therapist: Malee", "th, นักบำบัด: Malee"})
        void withoutThePreviousTherapistOnlyTheNewOneIsNamed(String language, String line) {
            BookingNotifications booking = BookingNotifications.empty("b-1").therapistChanged(withoutPreviousName(
                    therapistChanged(confirmedEvent(new Customer("Ada", "ada@example.com", null, language), LONDON), "Malee")),
                    NOW, ReminderPlanner.of("P1D")).state();

            RenderedMessage rendered = templates.render(booking.messages().getLast(), booking.details(), "Sabai Liverpool");

            assertThat(rendered.body()).contains(line + "\n").doesNotContain("instead of", "แทน");
        }

        @Test
        void laterRemindersNameTheNewTherapist() {
            BookingNotifications booking = changedTo("Malee", new Customer("Ada", "ada@example.com", null, "en"), LONDON);
            Message reminder = booking.messages().stream().filter(Message::isReminder).findFirst().orElseThrow();

            RenderedMessage rendered = templates.render(reminder, booking.details(), "Sabai Liverpool");

            assertThat(rendered.body()).contains("Therapist: Malee\n").doesNotContain("Somchai");
        }

        private BookingNotifications changedTo(String therapist, Customer customer, ZoneId zone) {
            BookingConfirmed confirmed = confirmedEvent(customer, zone);
            return BookingNotifications.empty("b-1")
                    .confirmed(confirmed, NOW, ReminderPlanner.of("P1D")).state()
                    .therapistChanged(therapistChanged(confirmed, therapist), NOW, ReminderPlanner.of("P1D")).state();
        }

        private static BookingTherapistChanged withoutPreviousName(BookingTherapistChanged event) {
            return new BookingTherapistChanged(event.eventId(), event.occurredAt(), event.bookingId(), event.branchId(),
                    event.technique(), event.durationMinutes(), event.start(), event.end(), event.zone(),
                    null, null, event.therapistId(), event.therapistName(), event.roomId(), event.reason(), event.customer());
        }
    }

    @Nested
    class NeedsAttention {

        @Test
        void inEnglishTheCustomerLearnsTheTherapistCannotComeThatStaffWillCallAndTheNearestFreeTimes() {
            RenderedMessage rendered = needingAttention("en");

            assertThat(rendered.subject()).isEqualTo("Your booking at Sabai Liverpool needs a new time or therapist");
            assertThat(rendered.body()).contains(
                    "Your therapist can no longer take your Thai massage at Sabai Liverpool on Tuesday 1 December 2026, 10:00 (Europe/London)",
                    "Our staff will contact you",
                    "These times are free instead:\n- Tuesday 1 December 2026, 13:00 (Europe/London) with Malee");
            assertThat(rendered.body()).as("the reason is written for staff").doesNotContain("therapist absent");
        }

        @Test
        void inThaiTheCustomerLearnsTheSame() {
            RenderedMessage rendered = needingAttention("th");

            assertThat(rendered.subject()).isEqualTo("การจองของคุณที่ Sabai Liverpool ต้องเลือกเวลาหรือนักบำบัดใหม่");
            assertThat(rendered.body()).contains(
                    "นักบำบัดของคุณไม่สามารถให้บริการ นวดแผนไทย ที่ Sabai Liverpool เวลา วันอังคารที่ 1 ธันวาคม พ.ศ. 2569 เวลา 10:00 น. (Europe/London) ได้",
                    "เจ้าหน้าที่จะติดต่อคุณ",
                    "เวลาที่ว่างแทน:\n- วันอังคารที่ 1 ธันวาคม พ.ศ. 2569 เวลา 13:00 น. (Europe/London) กับ Malee");
            assertThat(rendered.body()).doesNotContain("therapist absent");
        }

        private RenderedMessage needingAttention(String language) {
            BookingConfirmed confirmed = confirmedEvent(new Customer("Ada", "ada@example.com", null, language), LONDON);
            BookingNotifications booking = BookingNotifications.empty("b-1")
                    .confirmed(confirmed, NOW, ReminderPlanner.of("P1D")).state()
                    .needsAttention(needsAttention(confirmed, List.of(alternative(START.plus(Duration.ofHours(3)), "Malee"))), NOW)
                    .state();
            return templates.render(booking.messages().getLast(), booking.details(), "Sabai Liverpool");
        }
    }

    private static BookingConfirmed confirmedEvent(Customer customer, ZoneId zone) {
        return confirmed("b-1", "liverpool", zone, START, customer);
    }

    private static BookingNotifications confirmedFor(Customer customer, ZoneId zone) {
        return BookingNotifications.empty("b-1")
                .confirmed(confirmed("b-1", "liverpool", zone, START, customer), NOW, ReminderPlanner.of("P1D")).state();
    }
}
