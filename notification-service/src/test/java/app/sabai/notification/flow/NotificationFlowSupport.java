package app.sabai.notification.flow;

import app.sabai.contracts.EventTypes;
import app.sabai.contracts.Topic;
import app.sabai.contracts.bookings.BookingEvent;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.values.Customer;
import app.sabai.infra.Ports;
import app.sabai.notification.testing.HeldDeliveriesConfiguration;
import app.sabai.notification.testing.MovableClock;
import app.sabai.notification.testing.MovableClockConfiguration;
import app.sabai.notification.testing.StoreOutagesConfiguration;
import app.sabai.support.security.Caller;
import app.sabai.support.testing.TestCallers;
import app.sabai.support.testing.TestIssuer;
import app.sabai.support.testing.TestRecords;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.ThaiBuddhistChronology;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static app.sabai.notification.testing.TestBookings.rejected;
import static org.awaitility.Awaitility.await;

/**
 * What the flow tests share: a GreenMail SMTP server the service sends to, the service's HTTP port, and
 * readers for mail, events and status. The mailbox listens on one port for the whole test JVM and the
 * property pointing the service at it is declared here once, so every test class gets the same Spring
 * context. Each test writes to its own fresh recipient and booking, so nothing needs cleaning up. The
 * service's clock is a {@link MovableClock}: a test that stands later in time puts it back when it ends. The
 * dispatcher's periodic safety net runs every few hours only, so every flow shows that messages go out without it.
 */
@Import({MovableClockConfiguration.class, HeldDeliveriesConfiguration.class, StoreOutagesConfiguration.class})
abstract class NotificationFlowSupport {

    static final Duration SAFETY_NET_INTERVAL = Duration.ofHours(6);
    private static final int SMTP_PORT = Ports.free();
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm '('VV')'", Locale.ENGLISH);
    private static final DateTimeFormatter THAI_TIME = DateTimeFormatter
            .ofPattern("EEEE'ที่' d MMMM G yyyy 'เวลา' HH:mm 'น.' '('VV')'", Locale.forLanguageTag("th"))
            .withChronology(ThaiBuddhistChronology.INSTANCE);

    @RegisterExtension
    static final GreenMailExtension mailbox =
            new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void sendMailToTheTestMailbox(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP_PORT);
        // Nothing may wait for the safety net's periodic look: a message goes out when it is due, from the writes.
        properties.add("sabai.dispatch.interval", () -> SAFETY_NET_INTERVAL.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @AfterEach
    void backToTheRealTime() {
        clock.reset();
    }

    static void publish(BookingEvent event) {
        TestRecords.publish(Topic.BOOKINGS.topicName(), event);
    }

    /**
     * Waits until a later event of the same branch has been applied: records of one branch are consumed in
     * order, so everything published for the branch before it has been applied too.
     */
    void awaitEverythingPublishedFor(String branchId) {
        String marker = "marker-" + java.util.UUID.randomUUID();
        publish(rejected(marker, branchId, ZoneId.of("UTC"), Instant.now(), new Customer("marker", null, null, "en"), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/notifications?bookingId=" + marker).statusCode() == 200);
    }

    static List<MimeMessage> mailsTo(String recipient) {
        return Arrays.stream(mailbox.getReceivedMessages()).filter(mail -> addressedTo(mail, recipient)).toList();
    }

    static List<MimeMessage> mailsTo(String recipient, String subjectStart) {
        return mailsTo(recipient).stream().filter(mail -> subject(mail).startsWith(subjectStart)).toList();
    }

    static MimeMessage awaitMail(String recipient, String subjectStart) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(recipient, subjectStart), mails -> !mails.isEmpty()).getFirst();
    }

    /** The distinct {@code Message-ID}s among the mails: what a reader that de-duplicates by it shows. */
    static List<String> messageIds(List<MimeMessage> mails) {
        return mails.stream().map(NotificationFlowSupport::messageId).distinct().toList();
    }

    static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage mail) {
        try {
            // SMTP carries lines ending in CRLF; the templates' lines end in LF.
            return String.valueOf(mail.getContent()).replace("\r\n", "\n");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event on {@code sabai.notifications} about the booking so far. */
    static List<NotificationEvent> notificationsAbout(String bookingId) {
        return notificationsAbout(Set.of(bookingId));
    }

    /** Every event on {@code sabai.notifications} about any of the bookings so far, in one read of the topic. */
    static List<NotificationEvent> notificationsAbout(Collection<String> bookingIds) {
        return TestRecords.all(Topic.NOTIFICATIONS.topicName(), record -> bookingIds.contains(record.key()), Duration.ofSeconds(2))
                .stream()
                .map(record -> (NotificationEvent) SabaiJson.mapper().readValue(record.value(),
                        EventTypes.classOf(TestRecords.header(record, CloudEventHeaders.TYPE)).orElseThrow()))
                .toList();
    }

    static <T> List<T> only(Class<T> type, List<?> events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * A zone (a fixed offset) where it is now {@code hour} o'clock, so a test can stand inside or outside the
     * quiet hours whatever time it runs at.
     */
    static ZoneId zoneWhereItIsNow(int hour) {
        int offset = hour - Instant.now().atZone(ZoneOffset.UTC).getHour();
        if (offset < -12) {
            offset += 24;
        } else if (offset > 14) {
            offset -= 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    /** {@code time} on the day {@code days} after today in {@code zone}. */
    static Instant daysAhead(ZoneId zone, int days, LocalTime time) {
        return Instant.now().atZone(zone).toLocalDate().plusDays(days).atTime(time).atZone(zone).toInstant();
    }

    /** How the English templates show a time: local to the zone, with the zone. */
    static String english(Instant instant, ZoneId zone) {
        return ENGLISH_TIME.format(instant.atZone(zone));
    }

    /** How the Thai templates show a time: local to the zone, Buddhist era, with the zone. */
    static String thai(Instant instant, ZoneId zone) {
        return THAI_TIME.format(instant.atZone(zone));
    }

    /** {@code GET /api/bookings/{id}/notifications}, which must answer 200. */
    JsonNode history(String bookingId) {
        HttpResponse<String> response = get("/api/bookings/" + bookingId + "/notifications");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET history of " + bookingId + " answered " + response.statusCode() + ": " + response.body());
        }
        return SabaiJson.mapper().readTree(response.body());
    }

    /** The message of the booking with that id, as the status endpoint shows it. */
    JsonNode statusOf(String bookingId, String messageId) {
        return status(bookingId).get("messages").valueStream()
                .filter(message -> messageId.equals(message.get("id").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("No message " + messageId + " in " + status(bookingId)));
    }

    JsonNode status(String bookingId) {
        HttpResponse<String> response = get("/api/notifications?bookingId=" + bookingId);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET status of " + bookingId + " answered " + response.statusCode() + ": " + response.body());
        }
        return SabaiJson.mapper().readTree(response.body());
    }

    /** A GET as operations, who read everything. */
    HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, TestCallers.ops());
    }

    /** A GET as {@code caller}; {@code null} sends no token. */
    HttpResponse<String> get(String pathAndQuery, Caller caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET();
        if (caller != null) {
            request.header("Authorization", TestIssuer.get().bearer(caller));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage mail, String recipient) {
        try {
            Address[] recipients = mail.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
