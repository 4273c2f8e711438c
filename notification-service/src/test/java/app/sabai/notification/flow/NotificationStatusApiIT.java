package app.sabai.notification.flow;

import app.sabai.contracts.bookings.BookingCustomerErased;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.contracts.values.Customer;
import app.sabai.support.testing.SabaiServiceTest;
import app.sabai.support.testing.TestCallers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.newBookingId;
import static app.sabai.notification.testing.TestBookings.newEmail;
import static app.sabai.notification.testing.TestBookings.smsOptedCustomer;
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

    @Test
    void aBookingsHistoryListsEveryMessageOnEveryChannelWithTheRecipientMasked() {
        String bookingId = newBookingId();
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        String phone = "+447700900" + (100 + (int) (Math.random() * 899));
        // Daytime at the branch, so no SMS waits for the morning.
        ZoneId zone = zoneWhereItIsNow(12);
        Instant start = daysAhead(zone, 3, LocalTime.of(15, 0));
        publish(confirmed(bookingId, "liverpool", zone, start, smsOptedCustomer(email, phone)));

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/bookings/" + bookingId + "/notifications").statusCode() == 200
                && "SENT".equals(history(bookingId).at("/messages/0/status").asString())
                && "SENT".equals(history(bookingId).at("/messages/1/status").asString()));
        JsonNode history = history(bookingId);

        assertThat(history.get("bookingId").asString()).isEqualTo(bookingId);
        JsonNode byEmail = history.at("/messages/0");
        assertThat(byEmail.get("kind").asString()).isEqualTo("CONFIRMATION");
        assertThat(byEmail.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(byEmail.get("recipient").asString()).isEqualTo("a***@example.com");
        assertThat(byEmail.get("subject").asString()).startsWith("Booking confirmed: Thai massage at liverpool");
        assertThat(Instant.parse(byEmail.get("sentAt").asString())).isAfterOrEqualTo(Instant.parse(byEmail.get("dueAt").asString()));
        assertThat(byEmail.get("error").isNull()).isTrue();
        JsonNode bySms = history.at("/messages/1");
        assertThat(bySms.get("channel").asString()).isEqualTo("SMS");
        assertThat(bySms.get("recipient").asString()).isEqualTo("+44*******" + phone.substring(phone.length() - 3));
        assertThat(history.get("messages").valueStream().map(message -> message.get("kind").asString() + " " + message.get("channel").asString()
                + " " + message.get("status").asString())).containsExactly(
                "CONFIRMATION EMAIL SENT", "CONFIRMATION SMS SENT",
                "REMINDER EMAIL PENDING", "REMINDER SMS PENDING", "REMINDER EMAIL PENDING", "REMINDER SMS PENDING");
        assertThat(Instant.parse(history.at("/messages/5/dueAt").asString())).isEqualTo(start.minus(Duration.ofHours(2)));
        assertThat(history.toString()).doesNotContain(email, phone);
        assertThat(status(bookingId).at("/messages/0/recipient").asString()).as("the status endpoint still answers").isEqualTo(email);
    }

    @Test
    void aBookingsHistoryIsForItsCustomerItsBranchsStaffAndOperations() {
        String bookingId = newBookingId();
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        publish(confirmed(bookingId, Instant.now().plus(Duration.ofDays(3)), new Customer("Ada", email, null, "en")));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/bookings/" + bookingId + "/notifications").statusCode() == 200);
        String path = "/api/bookings/" + bookingId + "/notifications";

        assertThat(get(path, TestCallers.customer("ada-id", email.toUpperCase())).statusCode()).as("the customer it was sent to").isEqualTo(200);
        assertThat(get(path, TestCallers.staff("liverpool")).statusCode()).as("staff of its branch").isEqualTo(200);
        assertThat(get(path, TestCallers.customer()).statusCode()).as("another customer").isEqualTo(404);
        assertThat(get(path, TestCallers.staff("bangkok-sukhumvit")).statusCode()).as("staff elsewhere").isEqualTo(404);
        assertThat(get(path, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(get("/api/notifications?bookingId=" + bookingId, TestCallers.staff("liverpool")).statusCode())
                .as("the delivery view, which shows the addresses, is operations'").isEqualTo(403);
    }

    @Test
    void aCustomerErasedIsSentNothingMoreAndTheHistoryKeepsNoAddress() {
        String bookingId = newBookingId();
        String email = "erased-" + UUID.randomUUID() + "@example.com";
        publish(confirmed(bookingId, Instant.now().plus(Duration.ofDays(3)), new Customer("Ada", email, null, "en")));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/bookings/" + bookingId + "/notifications").statusCode() == 200
                && "SENT".equals(history(bookingId).at("/messages/0/status").asString()));

        publish(new BookingCustomerErased(UUID.randomUUID(), Instant.now(), bookingId, "liverpool", "customer-id"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = status(bookingId);
            assertThat(status.toString()).doesNotContain(email, "Ada");
            assertThat(status.get("messages").valueStream().map(message -> message.get("status").asString()))
                    .as("the confirmation stays sent; the reminders will not go").containsExactly("SENT", "CANCELLED", "CANCELLED");
        });
    }

    @Test
    void theHistoryOfABookingNeverHeardOfIsNotFound() {
        String bookingId = newBookingId();

        HttpResponse<String> response = get("/api/bookings/" + bookingId + "/notifications");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = SabaiJson.mapper().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString()).contains(bookingId);
    }
}
