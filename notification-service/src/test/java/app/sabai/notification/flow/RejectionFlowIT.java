package app.sabai.notification.flow;

import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.contracts.values.Customer;
import app.sabai.support.testing.SabaiServiceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static app.sabai.notification.testing.TestBookings.BANGKOK;
import static app.sabai.notification.testing.TestBookings.alternative;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newBranchId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class RejectionFlowIT extends NotificationFlowSupport {

    private static final Instant ASKED_FOR = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRejectionEmailGivesTheReasonAndListsTheAlternativesInTheBranchZone() {
        String bookingId = newBookingId();
        String branchId = newBranchId();
        String email = newEmail();
        var alternatives = List.of(alternative(Instant.parse("2026-12-01T11:30:00Z"), "Malee"),
                alternative(Instant.parse("2026-12-02T03:00:00Z"), "Niran"));

        publish(rejected(bookingId, branchId, BANGKOK, ASKED_FOR, emailCustomer(email), alternatives));

        MimeMessage mail = awaitMail(email, "We could not book");
        assertThat(subject(mail)).isEqualTo("We could not book your Hot stone therapy at " + branchId);
        assertThat(body(mail)).contains(
                "for Tuesday 1 December 2026, 17:00 (Asia/Bangkok)",
                "Why: The equipment this treatment needs is in use at that time.",
                "These times are free instead:\n"
                        + "- Tuesday 1 December 2026, 18:30 (Asia/Bangkok) with Malee\n"
                        + "- Wednesday 2 December 2026, 10:00 (Asia/Bangkok) with Niran");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<NotificationEvent> events = notificationsAbout(bookingId);
            assertThat(only(NotificationSent.class, events)).singleElement().extracting(NotificationSent::kind)
                    .isEqualTo(MessageKind.REJECTION);
            assertThat(only(ReminderScheduled.class, events)).isEmpty();
        });
    }

    @Test
    void aThaiCustomerIsToldInThai() {
        String bookingId = newBookingId();
        String email = newEmail();

        publish(rejected(bookingId, "bangkok-sukhumvit", BANGKOK, ASKED_FOR, new Customer("สมหญิง", email, null, "th"),
                List.of(alternative(Instant.parse("2026-12-01T11:30:00Z"), "Malee"))));

        MimeMessage mail = awaitMail(email, "ไม่สามารถจอง");
        assertThat(body(mail)).contains("เรียน คุณสมหญิง", "เวลาที่ว่างแทน:",
                "- วันอังคารที่ 1 ธันวาคม พ.ศ. 2569 เวลา 18:30 น. (Asia/Bangkok) กับ Malee");
    }
}
