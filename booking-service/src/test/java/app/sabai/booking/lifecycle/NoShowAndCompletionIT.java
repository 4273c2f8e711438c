package app.sabai.booking.lifecycle;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.BookingEvents;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.contracts.bookings.BookingCompleted;
import app.sabai.contracts.bookings.BookingNoShow;
import app.sabai.contracts.values.Money;
import app.sabai.support.testing.TestCallers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff record how a session went: not before it starts, and a no-show costs the branch's no-show fee. */
class NoShowAndCompletionIT extends ServiceIntegrationTest {

    @Test
    void neitherIsPossibleBeforeTheSessionStartsAndTheAnswerSaysFromWhen() {
        String id = confirmed();
        Instant start = startOf(id);
        clock.standAt(start.minus(Duration.ofMinutes(5)));
        JsonNode before = api.booking(id);

        for (HttpResponse<String> response : new HttpResponse[]{api.noShow(branchId, id), api.complete(branchId, id)}) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
            JsonNode problem = BookingApi.json(response);
            assertThat(problem.get("type").asString()).isEqualTo("https://sabai.app/problems/too-early");
            assertThat(Instant.parse(problem.get("possibleFrom").asString())).isEqualTo(start);
            assertThat(problem.get("detail").asString()).contains("from the start of its session", start.toString(), "Europe/London");
        }
        assertThat(api.booking(id)).isEqualTo(before);
        assertThat(BookingEvents.all(BookingNoShow.class, id, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aNoShowFromTheStartCostsTheFullPrice() {
        String id = confirmed();
        Instant start = startOf(id);
        clock.standAt(start.plus(Duration.ofMinutes(20)));

        HttpResponse<String> response = api.noShow(branchId, id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode noShow = BookingApi.json(response);
        assertThat(noShow.get("status").asString()).isEqualTo("NO_SHOW");
        assertThat(noShow.get("noShow").get("fee").get("amountMinor").asLong()).isEqualTo(6000);
        assertThat(noShow.get("noShow").get("fee").get("currency").asString()).isEqualTo("GBP");
        assertThat(noShow.get("noShow").get("recordedAt").asString()).isNotBlank();
        assertThat(noShow.get("fees").get(0).get("reason").asString()).isEqualTo("NO_SHOW");
        assertThat(api.booking(id)).isEqualTo(noShow);
        BookingNoShow event = BookingEvents.await(BookingNoShow.class, id);
        assertThat(event.fee()).isEqualTo(new Money(6000, "GBP"));
        assertThat(event.start()).isEqualTo(start);
        assertThat(event.end()).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(event.therapistId()).isEqualTo("t-nok");
        assertThat(event.customer().email()).isEqualTo(noShow.get("customer").get("email").asString());
    }

    @Test
    void aSessionGivenIsCompletedForContinuity() {
        String id = confirmed();
        clock.standAt(startOf(id).plus(Duration.ofMinutes(65)));

        HttpResponse<String> response = api.complete(branchId, id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode completed = BookingApi.json(response);
        assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.get("completion").get("recordedAt").asString()).isNotBlank();
        assertThat(completed.get("fees").size()).isZero();
        BookingCompleted event = BookingEvents.await(BookingCompleted.class, id);
        assertThat(event.therapistId()).isEqualTo("t-nok");
        assertThat(event.branchId()).isEqualTo(branchId);
        assertThat(event.customer().email()).isEqualTo(completed.get("customer").get("email").asString());
        assertThat(event.courseId()).isNull();

        assertRefusedInStatus(api.noShow(branchId, id), "COMPLETED");
        assertRefusedInStatus(api.complete(branchId, id), "COMPLETED");
    }

    @Test
    void customersCannotRecordEither() {
        String id = confirmed();

        BookingApi customer = api.as(TestCallers.customer());
        assertThat(customer.postTo("/api/bookings/" + id + "/no-show", null, null).statusCode()).as("no such customer route").isEqualTo(403);
        assertThat(customer.postTo("/api/bookings/" + id + "/completion", null, null).statusCode()).isEqualTo(403);
        assertThat(customer.noShow(branchId, id).statusCode()).as("the staff route").isEqualTo(403);
        assertThat(customer.complete(branchId, id).statusCode()).isEqualTo(403);
        assertThat(api.booking(id).get("status").asString()).isEqualTo("CONFIRMED");
    }
}
