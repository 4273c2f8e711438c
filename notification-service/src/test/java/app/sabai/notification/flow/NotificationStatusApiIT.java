package app.sabai.notification.flow;

import app.sabai.contracts.json.SabaiJson;
import app.sabai.support.testing.SabaiServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SabaiServiceTest
class NotificationStatusApiIT extends NotificationFlowSupport {

    @Test
    void aBookingsMessagesAndRemindersAreListedWithTheirStatus() {
        String bookingId = newBookingId();
        String email = newEmail();
        Instant start = LocalDate.now(LONDON).plusDays(3).atTime(10, 0).atZone(LONDON).toInstant();
        publish(confirmed(bookingId, start, emailCustomer(email)));

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/notifications?bookingId=" + bookingId).statusCode() == 200
                && "SENT".equals(status(bookingId).at("/messages/0/status").asString()));
        JsonNode status = status(bookingId);

        assertThat(status.get("bookingId").asString()).isEqualTo(bookingId);
        assertThat(status.get("branchId").asString()).isEqualTo("liverpool");
        JsonNode confirmation = status.at("/messages/0");
        assertThat(confirmation.get("kind").asString()).isEqualTo("CONFIRMATION");
        assertThat(confirmation.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(confirmation.get("recipient").asString()).isEqualTo(email);
        assertThat(confirmation.get("subject").asString()).startsWith("Booking confirmed: Thai massage at liverpool");
        assertThat(Instant.parse(confirmation.get("sentAt").asString())).isAfterOrEqualTo(Instant.parse(confirmation.get("dueAt").asString()));
        JsonNode dayBefore = status.at("/messages/1");
        assertThat(dayBefore.get("kind").asString()).isEqualTo("REMINDER");
        assertThat(dayBefore.get("status").asString()).isEqualTo("PENDING");
        assertThat(dayBefore.get("sentAt").isNull()).isTrue();
        JsonNode reminders = status.get("reminders");
        assertThat(reminders.size()).isEqualTo(2);
        assertThat(reminders.at("/0/leadTime").asString()).isEqualTo("P1D");
        assertThat(Instant.parse(reminders.at("/0/dueAt").asString())).isEqualTo(start.atZone(LONDON).minusDays(1).toInstant());
        assertThat(reminders.at("/0/status").asString()).isEqualTo("SCHEDULED");
        assertThat(reminders.at("/1/leadTime").asString()).isEqualTo("PT2H");
        assertThat(Instant.parse(reminders.at("/1/dueAt").asString())).isEqualTo(start.minus(Duration.ofHours(2)));
    }

    @Test
    void aMissingBookingIdIsAClientMistakeThatNamesTheParameter() {
        HttpResponse<String> response = get("/api/notifications");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = SabaiJson.mapper().readTree(response.body());
        assertThat(problem.at("/errors/0/field").asString()).as(response.body()).isEqualTo("bookingId");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("is required");
    }

    @Test
    void aBlankBookingIdIsAClientMistakeToo() {
        HttpResponse<String> response = get("/api/notifications?bookingId=%20");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SabaiJson.mapper().readTree(response.body()).at("/errors/0/field").asString()).isEqualTo("bookingId");
    }

    @Test
    void aBookingNeverHeardOfIsNotFound() {
        HttpResponse<String> response = get("/api/notifications?bookingId=" + newBookingId());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
