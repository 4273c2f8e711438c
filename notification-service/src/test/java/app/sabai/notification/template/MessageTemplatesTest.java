package app.sabai.notification.template;

import app.sabai.contracts.values.Customer;
import app.sabai.notification.booking.BookingNotifications;
import app.sabai.notification.booking.Message;
import app.sabai.notification.booking.MessageFacts;
import app.sabai.notification.booking.MessageStatus;
import app.sabai.notification.booking.Notice;
import app.sabai.notification.booking.ReminderPlanner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static app.sabai.notification.testing.TestBookings.BANGKOK;
import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.alternative;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.rejected;
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
    @CsvSource({"en", "th"})
    void everyNoticeRendersInEveryLanguageWithNothingLeftUnfilled(String language) {
        BookingNotifications booking = confirmedFor(new Customer("Ada", "ada@example.com", null, language), LONDON);
        for (Notice notice : Notice.values()) {
            Message message = new Message("m", notice, null, "ada@example.com", MessageStatus.PENDING, NOW, 0, null, null, null,
                    null, null, null, new MessageFacts("OTHER", null, List.of(alternative(START.plusSeconds(7200), "Malee")),
                    START.minus(Duration.ofDays(1))));

            RenderedMessage rendered = templates.render(message, booking.details(), "Sabai Liverpool");

            assertThat(rendered.subject()).as(notice + " subject").isNotBlank().doesNotContain("{", "}");
            assertThat(rendered.body()).as(notice + " body").isNotBlank().doesNotContain("{", "}");
        }
        assertThat(Arrays.stream(Notice.values()).map(MessageTemplates::templateOf))
                .contains("confirmation", "reminder", "needs-attention");
    }

    private static BookingNotifications confirmedFor(Customer customer, ZoneId zone) {
        return BookingNotifications.empty("b-1")
                .confirmed(confirmed("b-1", "liverpool", zone, START, customer), NOW, ReminderPlanner.of("P1D")).state();
    }
}
