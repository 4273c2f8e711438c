package app.sabai.notification.flow;

import app.sabai.contracts.EventTypes;
import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.notification.branch.BranchDirectory;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestRecords;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newBranchId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.smsCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class ConfirmationFlowIT extends NotificationFlowSupport {

    @Autowired
    BranchDirectory branches;
    @Autowired
    MongoTemplate mongo;

    @Test
    void branchNamesAreReadFromMemoryAndARenameReplacesThemThere() {
        String branchId = newBranchId();
        TestRecords.publish(Topic.BRANCHES.topicName(), new BranchCatalogued(UUID.randomUUID(), Instant.now(), branchId,
                "Sabai Leeds", LONDON, "1 Briggate", List.of(), List.of(), 15, false, null, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> branches.nameOf(branchId).equals("Sabai Leeds"));

        mongo.remove(new Query(Criteria.where("_id").is(branchId)), "branches");
        assertThat(branches.nameOf(branchId)).as("read from memory, not from the store").isEqualTo("Sabai Leeds");

        TestRecords.publish(Topic.BRANCHES.topicName(), new BranchCatalogued(UUID.randomUUID(), Instant.now(), branchId,
                "Sabai Leeds Briggate", LONDON, "1 Briggate", List.of(), List.of(), 15, false, null, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> branches.nameOf(branchId).equals("Sabai Leeds Briggate"));
    }

    @Test
    void aConfirmedBookingGetsItsConfirmationAtOnceAndItsRemindersScheduled() {
        String branchId = newBranchId();
        TestRecords.publish(Topic.BRANCHES.topicName(), new BranchCatalogued(UUID.randomUUID(), Instant.now(), branchId,
                "Sabai Liverpool", LONDON, "12 Bold Street", List.of(), List.of(), 15, false, null, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> branches.nameOf(branchId).equals("Sabai Liverpool"));
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(LONDON).plusDays(3).atTime(10, 0).atZone(LONDON).toInstant();

        publish(confirmed(bookingId, branchId, LONDON, start, emailCustomer(email)));

        MimeMessage mail = awaitMail(email, "Booking confirmed");
        assertThat(subject(mail)).isEqualTo("Booking confirmed: Thai massage at Sabai Liverpool, " + english(start, LONDON));
        assertThat(messageId(mail)).as("made from the message's id").isEqualTo("<" + bookingId + "%3Aconfirmation@notifications.sabai.app>");
        assertThat(body(mail)).contains("Hello Ada Lovelace,", "When: " + english(start, LONDON), "Where: Sabai Liverpool",
                "Treatment: Thai massage, 60 minutes", "Therapist: Somchai");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<NotificationEvent> events = notificationsAbout(bookingId);
            assertThat(only(ReminderScheduled.class, events))
                    .extracting(ReminderScheduled::reminderId, ReminderScheduled::leadTime, ReminderScheduled::dueAt, ReminderScheduled::channel)
                    .containsExactlyInAnyOrder(
                            tuple(bookingId + ":P1D", "P1D", start.atZone(LONDON).minusDays(1).toInstant(), Channel.EMAIL),
                            tuple(bookingId + ":PT2H", "PT2H", start.minus(Duration.ofHours(2)), Channel.EMAIL));
            assertThat(only(NotificationSent.class, events)).singleElement().satisfies(sent -> {
                assertThat(sent.notificationId()).isEqualTo(bookingId + ":confirmation");
                assertThat(sent.kind()).isEqualTo(MessageKind.CONFIRMATION);
                assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
                assertThat(sent.recipient()).isEqualTo(email);
                assertThat(sent.reminderId()).isNull();
                assertThat(sent.branchId()).isEqualTo(branchId);
            });
        });
    }

    @Test
    void theSameConfirmationDeliveredTwiceSendsOneEmailAndSchedulesTheRemindersOnce() {
        String branchId = newBranchId();
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = Instant.now().plus(Duration.ofMinutes(130)).truncatedTo(ChronoUnit.SECONDS);
        BookingConfirmed confirmed = confirmed(bookingId, branchId, LONDON, start, emailCustomer(email));

        publish(confirmed);
        publish(confirmed);
        awaitEverythingPublishedFor(branchId);

        awaitMail(email, "Booking confirmed");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 1);
        assertThat(only(ReminderScheduled.class, notificationsAbout(bookingId)))
                .extracting(ReminderScheduled::reminderId, ReminderScheduled::dueAt)
                .containsExactly(tuple(bookingId + ":PT2H", start.minus(Duration.ofHours(2))));
        JsonNode status = status(bookingId);
        assertThat(status.get("messages").size()).isEqualTo(2);
        assertThat(status.get("reminders").size()).isEqualTo(1);
    }

    @Test
    void aCustomerWithoutAnEmailAddressIsWrittenToBySms() {
        String bookingId = newBookingId();
        String phone = "+6681" + (1_000_000 + (int) (Math.random() * 8_999_999));
        // Daytime at the branch, so quiet hours hold nothing back whenever the test runs.
        ZoneId zone = zoneWhereItIsNow(12);
        Instant start = daysAhead(zone, 3, LocalTime.NOON);

        publish(confirmed(bookingId, "bangkok-sukhumvit", zone, start, smsCustomer(phone)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<NotificationEvent> events = notificationsAbout(bookingId);
            assertThat(only(NotificationSent.class, events)).singleElement()
                    .extracting(NotificationSent::kind, NotificationSent::channel, NotificationSent::recipient)
                    .containsExactly(MessageKind.CONFIRMATION, Channel.SMS, phone);
            assertThat(only(ReminderScheduled.class, events)).extracting(ReminderScheduled::channel)
                    .containsExactly(Channel.SMS, Channel.SMS);
        });
    }

    @Test
    void aConfirmationWithoutABookingIdGoesToTheDeadLetterTopic() {
        String branchId = newBranchId();
        BookingConfirmed broken = confirmed(null, branchId, LONDON, Instant.now().plus(Duration.ofDays(3)), emailCustomer(newEmail()));

        TestRecords.publishRaw(Topic.BOOKINGS.topicName(), branchId, SabaiJson.mapper().writeValueAsBytes(broken), Map.of(
                CloudEventHeaders.TYPE, EventTypes.typeOf(broken), CloudEventHeaders.ID, broken.eventId().toString()));

        var dead = TestRecords.find(Topic.BOOKINGS.deadLetterTopicName(), record -> branchId.equals(record.key()), Duration.ofSeconds(30));
        assertThat(dead).hasValueSatisfying(record ->
                assertThat(TestRecords.header(record, CloudEventHeaders.ID)).isEqualTo(broken.eventId().toString()));
    }
}
