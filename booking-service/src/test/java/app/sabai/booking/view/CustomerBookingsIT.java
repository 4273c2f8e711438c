package app.sabai.booking.view;

import app.sabai.booking.testing.BookingApi;
import app.sabai.booking.testing.RequestBodies;
import app.sabai.booking.testing.ServiceIntegrationTest;
import app.sabai.support.testing.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static app.sabai.booking.testing.RequestBodies.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/customers/{customerId}/bookings}: a customer's bookings, soonest first, paged and filtered. */
class CustomerBookingsIT extends ServiceIntegrationTest {

    String email;
    String customerId;
    /** The customer's five bookings, soonest first: days 3, 4, 5, 6 and 7 from now at 11:00 in London. */
    final List<String> ids = new ArrayList<>();

    @BeforeEach
    void aCustomerWithFiveBookings() {
        email = RequestBodies.freshEmail();
        for (int day : new int[]{5, 3, 7, 4, 6}) {
            RequestBodies body = aBooking(branchId).with("customer.email", email)
                    .with("startLocal", LocalDate.now(java.time.ZoneId.of("Europe/London")).plusDays(day).atTime(LocalTime.of(11, 0)).toString());
            JsonNode booking = BookingApi.json(api.post(body));
            customerId = booking.get("customerId").asString();
            ids.add(booking.get("id").asString());
        }
        ids.sort((a, b) -> api.booking(a).get("start").asString().compareTo(api.booking(b).get("start").asString()));
        api.post(aBooking(branchId));
    }

    @Test
    void everyBookingOfTheCustomerCarriesTheSameIdOfTheirFile() {
        assertThat(customerId).isNotBlank().doesNotContain("@");
        assertThat(ids).allSatisfy(id -> assertThat(api.booking(id).get("customerId").asString()).isEqualTo(customerId));
    }

    @Test
    void firstBookingsRacingForOneEmailShareOneFileThatListsThemAll() throws Exception {
        String racing = RequestBodies.freshEmail();
        List<Callable<JsonNode>> firstBookings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RequestBodies body = aBooking(branchId).with("customer.email", racing)
                    .with("startLocal", LocalDate.now(ZoneId.of("Europe/London")).plusDays(8 + i).atTime(LocalTime.of(11, 0)).toString());
            firstBookings.add(() -> BookingApi.json(api.post(body)));
        }

        List<JsonNode> bookings = Race.atOnce(firstBookings);

        Set<String> fileIds = bookings.stream().map(booking -> booking.get("customerId").asString()).collect(Collectors.toSet());
        assertThat(fileIds).as("one file for the email").hasSize(1);
        HttpResponse<String> listed = api.get("/api/customers/" + fileIds.iterator().next() + "/bookings?size=100");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(idsOf(BookingApi.json(listed)))
                .containsExactlyInAnyOrderElementsOf(bookings.stream().map(booking -> booking.get("id").asString()).toList());
    }

    @Test
    void soonestFirstInPagesOfTheSizeAsked() {
        JsonNode first = page("?size=2");
        JsonNode third = page("?size=2&page=2");
        JsonNode beyond = page("?size=2&page=3");

        assertThat(first.get("customerId").asString()).isEqualTo(customerId);
        assertThat(first.get("order").asString()).isEqualTo("soonest first");
        assertThat(first.get("totalItems").asInt()).isEqualTo(5);
        assertThat(first.get("totalPages").asInt()).isEqualTo(3);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(idsOf(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(idsOf(page("?size=2&page=1"))).containsExactly(ids.get(2), ids.get(3));
        assertThat(idsOf(third)).containsExactly(ids.get(4));
        assertThat(idsOf(beyond)).isEmpty();
        assertThat(idsOf(page(""))).containsExactlyElementsOf(ids);
        assertThat(first.get("items").get(0)).isEqualTo(api.booking(ids.get(0)));
    }

    @Test
    void filteredByStatusAndByWhenTheSessionStarts() {
        api.cancel(ids.get(1), null);
        api.cancel(ids.get(3), null);
        LocalDate day4 = LocalDate.now(java.time.ZoneId.of("Europe/London")).plusDays(4);

        assertThat(idsOf(page("?status=CANCELLED"))).containsExactly(ids.get(1), ids.get(3));
        assertThat(idsOf(page("?status=REQUESTED&status=CANCELLED&size=3"))).containsExactly(ids.get(0), ids.get(1), ids.get(2));
        assertThat(idsOf(page("?status=REQUESTED,CANCELLED&size=3&page=1"))).containsExactly(ids.get(3), ids.get(4));
        assertThat(idsOf(page("?from=" + day4 + "&to=" + day4.plusDays(1)))).containsExactly(ids.get(1), ids.get(2));
        String from = api.booking(ids.get(2)).get("start").asString();
        String to = api.booking(ids.get(4)).get("start").asString();
        assertThat(idsOf(page("?from=" + from + "&to=" + to))).containsExactly(ids.get(2), ids.get(3));
        assertThat(page("?status=CONFIRMED").get("totalItems").asInt()).isZero();
    }

    @Test
    void anUnknownCustomerIsNotFoundAndMistakesAreNamed() {
        HttpResponse<String> unknown = api.get("/api/customers/" + UUID.randomUUID() + "/bookings");
        HttpResponse<String> anEmail = api.get("/api/customers/" + email + "/bookings");
        HttpResponse<String> tooMany = api.get("/api/customers/" + customerId + "/bookings?size=101&status=LOST");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(anEmail.statusCode()).as("an email is not a customer id").isEqualTo(404);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        JsonNode problem = BookingApi.json(tooMany);
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo("size");
            assertThat(error.get("message").asString()).contains("whole number between 1 and 100");
        });
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo("status");
            assertThat(error.get("message").asString()).contains("'LOST' is not one of REQUESTED, CONFIRMED");
        });
    }

    private JsonNode page(String query) {
        HttpResponse<String> response = api.get("/api/customers/" + customerId + "/bookings" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return BookingApi.json(response);
    }

    private static List<String> idsOf(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }
}
