package app.sabai.gateway.routing;

import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.StubBackend;
import app.sabai.gateway.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class RoutesTest {

    @Autowired
    RouteLocator routes;

    @Autowired
    RoutePredicateHandlerMapping routeMapping;

    @Autowired
    WebTestClient client;

    @Test
    void everyConfiguredRouteExistsAndPointsAtItsService() {
        Map<String, String> uriById = routes.getRoutes().collectList().block().stream()
                .collect(Collectors.toMap(Route::getId, route -> route.getUri().toString()));

        assertThat(uriById).containsEntry("customer-bookings", Backends.BOOKING.url())
                .containsEntry("customer-availability", Backends.THERAPIST.url())
                .containsEntry("customer-branches", Backends.THERAPIST.url())
                .containsEntry("staff-branch-bookings", Backends.BOOKING.url())
                .containsEntry("customer-booking-notifications", Backends.NOTIFICATION.url())
                .containsEntry("staff-branch-day", Backends.THERAPIST.url())
                .containsEntry("staff-branches", Backends.THERAPIST.url())
                .containsEntry("staff-assignments", Backends.THERAPIST.url())
                .containsEntry("customer-notifications", Backends.NOTIFICATION.url())
                .containsEntry("auth-token", TestIdentity.get().issuer());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,    /api/bookings,                                    customer-bookings",
            "POST,   /api/bookings,                                    customer-bookings",
            "GET,    /api/bookings/b-1,                                customer-bookings",
            "GET,    /api/availability,                                customer-availability",
            "GET,    /api/branches,                                    customer-branches",
            "GET,    /api/branches/liverpool/therapists,               customer-branches",
            "GET,    /api/branches/liverpool/schedule,                 staff-branch-day",
            "GET,    /api/branches/liverpool/board,                    staff-branch-day",
            "GET,    /api/branches/liverpool/attention,                staff-branch-bookings",
            "POST,   /api/branches/liverpool/bookings/b-1/cancellation, staff-branch-bookings",
            "POST,   /api/branches/liverpool/bookings/b-1/reschedule,  staff-branch-bookings",
            "POST,   /api/branches/liverpool/bookings/b-1/no-show,     staff-branch-bookings",
            "POST,   /api/branches/liverpool/bookings/b-1/completion,  staff-branch-bookings",
            "POST,   /api/bookings/b-1/cancellation,                   customer-bookings",
            "POST,   /api/bookings/b-1/reschedule,                     customer-bookings",
            "GET,    /api/bookings/b-1/notifications,                  customer-booking-notifications",
            "GET,    /api/customers/c-1/bookings,                      customer-bookings",
            "POST,   /api/courses,                                     customer-bookings",
            "GET,    /api/courses/c-1,                                 customer-bookings",
            "POST,   /api/waitlist,                                    customer-bookings",
            "POST,   /api/waitlist/w-1/acceptance,                     customer-bookings",
            "GET,    /api/branches/liverpool/therapists/t-1/absences,  staff-branch-day",
            "DELETE, /api/branches/liverpool/therapists/t-1/absences/a-1, staff-branch-day",
            "GET,    /api/branches/liverpool/therapists/t-1/roster,    staff-branch-day",
            "PUT,    /api/branches/liverpool/therapists/t-1/roster/weekly, staff-branch-day",
            "PUT,    /api/branches/liverpool/therapists/t-1,           staff-branches",
            "POST,   /api/branches,                                    staff-branches",
            "GET,    /api/branches/liverpool/bookings/b-1,             staff-branch-day",
            "POST,   /api/branches/liverpool/bookings/b-1/reassignment, staff-branch-day",
            "POST,   /api/branches/liverpool/therapists/t-1/absences,  staff-branch-day",
            "GET,    /api/assignments/a-1,                             staff-assignments",
            "GET,    /api/notifications,                               customer-notifications",
            "GET,    /api/notifications/n-1,                           customer-notifications",
            "GET,    /api/me/bookings,                                 customer-bookings",
            "GET,    /api/me/export,                                   customer-bookings",
            "DELETE, /api/me,                                          customer-bookings",
            "POST,   /auth/token,                                      auth-token"
    })
    void customerStaffAndOperationsPathsMatchTheirOwnRoutes(String method, String path, String routeId) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.valueOf(method), path));

        routeMapping.getHandler(exchange).block();

        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        assertThat(route).isNotNull();
        assertThat(route.getId()).isEqualTo(routeId);
        assertThat(route.getMetadata()).containsKeys("audience", "access");
    }

    /** With the caller's own bearer token, which reaches the service as sent (the token relay leaves it alone). */
    @ParameterizedTest(name = "{0} {1} reaches {2}")
    @CsvSource({
            "GET,  /api/bookings/{id},                                  booking",
            "POST, /api/bookings/{id}/cancellation,                     booking",
            "GET,  /api/availability?branchId={id}&technique=THAI,      therapist",
            "GET,  /api/branches/{id},                                  therapist",
            "GET,  /api/branches/{id}/schedule?date=2026-12-01,         therapist",
            "GET,  /api/branches/{id}/board?date=2026-12-01,            therapist",
            "GET,  /api/branches/{id}/attention,                        booking",
            "POST, /api/branches/{id}/bookings/b-1/no-show,             booking",
            "GET,  /api/bookings/{id}/notifications,                    notification",
            "POST, /api/branches/{id}/therapists/t-1/absences,          therapist",
            "POST, /api/branches/{id}/bookings/b-1/reassignment,        therapist",
            "GET,  /api/assignments/{id},                               therapist",
            "GET,  /api/notifications?bookingId={id},                   notification"
    })
    void forwardsTheRequestUnchangedToItsService(String method, String pathTemplate, String service) {
        String id = UUID.randomUUID().toString();
        String path = pathTemplate.replace("{id}", id);
        StubBackend backend = switch (service) {
            case "booking" -> Backends.BOOKING;
            case "therapist" -> Backends.THERAPIST;
            default -> Backends.NOTIFICATION;
        };

        String authorization = Callers.bearer(Callers.STAFF_LIVERPOOL);

        client.method(HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .bodyValue(method.equals("POST") ? "{\"note\":\"" + id + "\"}" : "")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service + "-service");

        assertThat(backend.receivedFor(path)).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo(method);
            assertThat(received.pathAndQuery()).isEqualTo(path);
            assertThat(received.header("Authorization")).isEqualTo(authorization);
            if (method.equals("POST")) {
                assertThat(received.body()).contains(id);
            }
        });
    }
}
