package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.notification.booking.Change;
import app.sabai.notification.booking.DeliveryPolicy;
import app.sabai.notification.booking.ReminderPlanner;
import app.sabai.notification.branch.BranchDirectory;
import app.sabai.notification.channel.DeliveryChannels;
import app.sabai.notification.dispatch.DispatchProperties;
import app.sabai.notification.dispatch.Dispatcher;
import app.sabai.notification.store.BookingNotificationsStore;
import app.sabai.notification.store.StoredBookingNotifications;
import app.sabai.notification.template.MessageTemplates;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.testing.SabaiServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Due messages go out at their time from what the service wrote, not from the periodic query, which here runs
 * only every few hours: that query is the safety net for what no running dispatcher holds in memory (another
 * instance's write, a restart), and the store's claim decides who sends when several try.
 */
@SabaiServiceTest
class DueMessagesIT extends NotificationFlowSupport {

    @Autowired
    Dispatcher dispatcher;
    @Autowired
    DispatchProperties properties;
    @Autowired
    BookingNotificationsStore store;
    @Autowired
    MessageTemplates templates;
    @Autowired
    DeliveryChannels channels;
    @Autowired
    BranchDirectory branches;
    @Autowired
    DeliveryPolicy policy;
    @Autowired
    ReminderPlanner planner;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Clock serviceClock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Outbox outbox;

    @Test
    void aConfirmationIsClaimedByTheWriteThatMakesItAndSentWithoutWaitingForTheSafetyNet() {
        assertThat(properties.interval()).as("the safety net's interval").isGreaterThanOrEqualTo(Duration.ofHours(1));
        String bookingId = newBookingId();
        String email = newEmail();

        publish(confirmed(bookingId, Instant.now().plus(Duration.ofDays(3)), emailCustomer(email)));

        awaitMail(email, "Booking confirmed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(statusOf(bookingId, bookingId + ":confirmation").get("status").asString()).isEqualTo("SENT"));
        StoredBookingNotifications stored = store.find(bookingId).orElseThrow();
        assertThat(stored.version()).as("writes of the booking's document: made and claimed, then recorded sent").isEqualTo(2);
        assertThat(stored.state().message(bookingId + ":confirmation").attempts()).isEqualTo(1);
        assertThat(only(NotificationSent.class, notificationsAbout(bookingId))).singleElement()
                .extracting(NotificationSent::kind).isEqualTo(MessageKind.CONFIRMATION);
        assertThat(only(ReminderScheduled.class, notificationsAbout(bookingId))).as("the first write's events, kept with the claim")
                .isNotEmpty();
    }

    @Test
    void aReminderDueInTwoSecondsIsSentOnceWhenItsTimeComes() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = Instant.now().plus(Duration.ofHours(2)).plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        Instant dueAt = start.minus(Duration.ofHours(2));

        publish(confirmed(bookingId, start, emailCustomer(email)));

        awaitMail(email, "Reminder:");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email, "Reminder:").size() == 1);
        JsonNode reminder = statusOf(bookingId, bookingId + ":PT2H");
        assertThat(reminder.get("status").asString()).isEqualTo("SENT");
        assertThat(reminder.get("attempts").asInt()).isEqualTo(1);
        assertThat(Instant.parse(reminder.get("sentAt").asString())).as("not sent before it was due").isAfterOrEqualTo(dueAt);
    }

    @Test
    void aDueMessageNoRunningDispatcherHoldsIsFoundByTheSafetyNetWhenAnInstanceStarts() {
        String bookingId = newBookingId();
        String email = newEmail();
        // Another instance wrote the confirmation and died before sending it: no dispatcher here was told.
        BookingNotificationsStore anotherInstancesStore = new BookingNotificationsStore(mongo, outbox);
        BookingConfirmed event = confirmed(bookingId, Instant.now().plus(Duration.ofDays(3)), emailCustomer(email));
        Change confirm = StoredBookingNotifications.absent(bookingId).state()
                .confirmed(event, Instant.now().truncatedTo(ChronoUnit.MILLIS), planner);
        assertThat(anotherInstancesStore.update(StoredBookingNotifications.absent(bookingId), confirm, event.eventId())).isPresent();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(email).isEmpty());

        Dispatcher restarted = anotherDispatcher();
        restarted.start();
        try {
            awaitMail(email, "Booking confirmed");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 1);
            assertThat(statusOf(bookingId, bookingId + ":confirmation").get("status").asString()).isEqualTo("SENT");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void twoDispatchersWakingForTheSameDueMessagesSendEachOnce() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = Instant.now().plus(Duration.ofHours(2)).plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        Dispatcher second = anotherDispatcher();
        second.start();
        try {
            publish(confirmed(bookingId, start, emailCustomer(email)));

            awaitMail(email, "Booking confirmed");
            awaitMail(email, "Reminder:");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(only(NotificationSent.class, notificationsAbout(bookingId)))
                            .extracting(NotificationSent::kind)
                            .containsExactlyInAnyOrder(MessageKind.CONFIRMATION, MessageKind.REMINDER));
            assertThat(statusOf(bookingId, bookingId + ":confirmation").get("attempts").asInt()).isEqualTo(1);
            assertThat(statusOf(bookingId, bookingId + ":PT2H").get("attempts").asInt()).isEqualTo(1);
        } finally {
            second.stop();
        }
    }

    /** A second dispatcher on the same store, as another instance (or this one after a restart) has. */
    private Dispatcher anotherDispatcher() {
        return new Dispatcher(store, templates, channels, branches, policy, properties, meters, serviceClock);
    }
}
