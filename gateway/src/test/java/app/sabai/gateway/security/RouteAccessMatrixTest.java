package app.sabai.gateway.security;

import app.sabai.gateway.testing.Backends;
import app.sabai.gateway.testing.Callers;
import app.sabai.gateway.testing.GatewayTest;
import app.sabai.gateway.testing.StubBackend;
import app.sabai.gateway.testing.TestIdentity;
import app.sabai.gateway.testing.TestRoutes;
import app.sabai.identity.keys.SigningKeys;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.handler.predicate.MethodRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the gateway has, whoever calls it: each answer must be what the route's declared access says. The
 * routes are read from the gateway itself, so a new route is in the matrix the moment it exists, and one that
 * declares no access is refused to everyone.
 */
@GatewayTest
class RouteAccessMatrixTest {

    @Autowired
    RouteLocator routes;

    @Autowired
    RoutePredicateHandlerMapping routeMapping;

    @Autowired
    WebTestClient client;

    /** Who calls: the roles of a valid token, or none; a token that must not check out at all. */
    record Caller(String name, String authorization, Set<String> roles, boolean validToken) {

        static Caller user(String username, String role) {
            return new Caller(username, Callers.bearer(username), Set.of(role), true);
        }

        static Caller badToken(String name, String token) {
            return new Caller(name, "Bearer " + token, Set.of(), false);
        }
    }

    /** A request that the route, and no route before it, matches. */
    record Sample(HttpMethod method, String path) {
    }

    @Test
    void everyRouteDeclaresItsAccessExceptTheTestsDeliberatelyUndeclaredOne() {
        List<String> undeclared = allRoutes().stream()
                .filter(route -> RouteAccess.declaredBy(route).isEmpty())
                .map(Route::getId)
                .toList();

        assertThat(undeclared).as("routes without metadata 'access' (anyone, signed-in or operations)")
                .containsExactly(TestRoutes.UNDECLARED_ID);
    }

    @TestFactory
    Stream<DynamicContainer> everyRouteAnswersEveryCallerAsItsDeclaredAccessSays() {
        List<Caller> callers = callers();
        return allRoutes().stream().map(route -> {
            Sample sample = sampleOf(route);
            return DynamicContainer.dynamicContainer(route.getId() + " (" + RouteAccess.declaredBy(route).map(RouteAccess::declared)
                            .orElse("no access declared") + "): " + sample.method() + " " + sample.path(),
                    callers.stream().map(caller -> DynamicTest.dynamicTest(caller.name(), () -> check(route, sample, caller))));
        });
    }

    private void check(Route route, Sample sample, Caller caller) {
        // The probe finds the request at the backend whatever path the route sends it to.
        String probe = "probe=" + UUID.randomUUID();
        String pathAndQuery = sample.path() + "?" + probe;
        WebTestClient.RequestBodySpec request = client.method(sample.method()).uri(pathAndQuery);
        if (caller.authorization() != null) {
            request.header("Authorization", caller.authorization());
        }
        EntityExchangeResult<byte[]> answer = (sample.method() == HttpMethod.GET
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("username=customer&password=customer").exchange())
                .expectBody().returnResult();
        int status = answer.getStatus().value();
        Optional<StubBackend> backend = Backends.at(route.getUri().toString());

        Integer refusal = expectedRefusal(route, caller);
        if (refusal == null) {
            assertThat(status).as("%s passes %s", caller.name(), route.getId()).isNotIn(401, 403);
            backend.ifPresent(stub -> assertThat(stub.receivedWithQuery(probe)).as("reached %s", stub.url()).singleElement()
                    .satisfies(received -> assertThat(received.header("Authorization")).isEqualTo(caller.authorization())));
        } else {
            assertThat(status).as("%s refused at %s", caller.name(), route.getId()).isEqualTo(refusal);
            assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            backend.ifPresent(stub -> assertThat(stub.receivedWithQuery(probe)).as("never reached %s", stub.url()).isEmpty());
            if (refusal == 401) {
                assertThat(answer.getResponseHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            }
        }
    }

    /** Null when the caller passes; otherwise the status the gateway must refuse them with. */
    private static Integer expectedRefusal(Route route, Caller caller) {
        if (caller.authorization() != null && !caller.validToken()) {
            return 401;
        }
        RouteAccess access = RouteAccess.declaredBy(route).orElse(null);
        if (access == null) {
            return 403;
        }
        if (access == RouteAccess.ANYONE) {
            return null;
        }
        if (caller.authorization() == null) {
            return 401;
        }
        boolean operations = caller.roles().contains("OPS") || caller.roles().contains("ADMIN");
        return access == RouteAccess.OPERATIONS && !operations ? 403 : null;
    }

    private static List<Caller> callers() {
        TestIdentity identity = TestIdentity.get();
        Instant now = Instant.now();
        RSAKey elsewhere = (RSAKey) SigningKeys.generate().getKeys().getFirst();
        return List.of(
                new Caller("nobody", null, Set.of(), false),
                Caller.user(Callers.CUSTOMER, "CUSTOMER"),
                Caller.user(Callers.CUSTOMER2, "CUSTOMER"),
                Caller.user(Callers.STAFF_LIVERPOOL, "STAFF"),
                Caller.user(Callers.STAFF_BANGKOK, "STAFF"),
                Caller.user(Callers.OPS, "OPS"),
                Caller.user(Callers.ADMIN, "ADMIN"),
                Caller.badToken("an administrator's expired token", identity.sign(adminClaims(identity.issuer(), "sabai")
                        .issueTime(Date.from(now.minus(30, ChronoUnit.MINUTES)))
                        .expirationTime(Date.from(now.minus(10, ChronoUnit.MINUTES))).build())),
                Caller.badToken("an administrator's token from another issuer", TestIdentity.sign(
                        adminClaims("https://id.elsewhere.example", "sabai").build(), elsewhere)),
                Caller.badToken("an administrator's token for another audience", identity.sign(
                        adminClaims(identity.issuer(), "another-platform").build())));
    }

    private static JWTClaimsSet.Builder adminClaims(String issuer, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of(audience))
                .subject("ad000000-0000-4000-8000-000000000001")
                .claim("roles", List.of("ADMIN"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(10, ChronoUnit.MINUTES)))
                .jwtID(UUID.randomUUID().toString());
    }

    private List<Route> allRoutes() {
        List<Route> all = routes.getRoutes().collectList().block();
        assertThat(all).isNotEmpty();
        return all;
    }

    /** A method and a path from the route's own predicates that the gateway routes to this route and no other. */
    private Sample sampleOf(Route route) {
        List<String> patterns = new ArrayList<>();
        List<HttpMethod> methods = new ArrayList<>();
        route.getPredicate().accept(predicate -> {
            if (predicate.getConfig() instanceof PathRoutePredicateFactory.Config path) {
                patterns.addAll(path.getPatterns());
            } else if (predicate.getConfig() instanceof MethodRoutePredicateFactory.Config method) {
                methods.addAll(Arrays.asList(method.getMethods()));
            }
        });
        if (methods.isEmpty()) {
            methods.addAll(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT));
        }
        for (String pattern : patterns) {
            String path = pattern.replaceAll("\\{[^}]+}", "s-1").replace("/**", "/sample");
            for (HttpMethod method : methods) {
                if (routedTo(method, path).filter(route.getId()::equals).isPresent()) {
                    return new Sample(method, path);
                }
            }
        }
        throw new AssertionError("No request found that reaches route " + route.getId() + " (" + route.getPredicate()
                + "); give it a Path predicate the matrix can sample");
    }

    private Optional<String> routedTo(HttpMethod method, String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        routeMapping.getHandler(exchange).block();
        Route matched = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return Optional.ofNullable(matched).map(Route::getId);
    }

    /** One of the gateway's own endpoints (served by the gateway, not routed) and the roles that may call it. */
    record OwnEndpoint(HttpMethod method, String path, Set<String> roles) {
    }

    private static final Set<String> OPERATIONS = Set.of("OPS", "ADMIN");

    /** The operations console's endpoints: reads for operations and administrators, the replay for administrators. */
    private static final List<OwnEndpoint> OWN_ENDPOINTS = List.of(
            new OwnEndpoint(HttpMethod.GET, "/api/ops/me", OPERATIONS),
            new OwnEndpoint(HttpMethod.GET, "/api/ops/dead-letters", OPERATIONS),
            new OwnEndpoint(HttpMethod.GET, "/api/ops/metrics", OPERATIONS),
            new OwnEndpoint(HttpMethod.GET, "/api/ops/stuck-requests", OPERATIONS),
            new OwnEndpoint(HttpMethod.POST, "/api/ops/dead-letters/sabai.bookings-dlt/0/999999999/replay", Set.of("ADMIN")));

    @TestFactory
    Stream<DynamicContainer> theGatewaysOwnEndpointsAnswerEveryCallerAsTheirRolesSay() {
        List<Caller> callers = callers();
        return OWN_ENDPOINTS.stream().map(endpoint -> DynamicContainer.dynamicContainer(
                endpoint.method() + " " + endpoint.path() + " (" + String.join(", ", new TreeSet<>(endpoint.roles())) + ")",
                callers.stream().map(caller -> DynamicTest.dynamicTest(caller.name(), () -> checkOwn(endpoint, caller)))));
    }

    private void checkOwn(OwnEndpoint endpoint, Caller caller) {
        WebTestClient.RequestBodySpec request = client.method(endpoint.method()).uri(endpoint.path());
        if (caller.authorization() != null) {
            request.header("Authorization", caller.authorization());
        }
        Integer refusal = caller.authorization() == null || !caller.validToken() ? Integer.valueOf(401)
                : caller.roles().stream().anyMatch(endpoint.roles()::contains) ? null : Integer.valueOf(403);
        EntityExchangeResult<byte[]> answer = request.exchange().expectBody().returnResult();
        if (refusal == null) {
            assertThat(answer.getStatus().value()).as("%s passes %s", caller.name(), endpoint.path()).isNotIn(401, 403);
            return;
        }
        assertThat(answer.getStatus().value()).as("%s refused at %s", caller.name(), endpoint.path()).isEqualTo(refusal);
        assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** The staff board's endpoints the gateway serves itself (not routes): a branch's stream, and who the caller is. */
    @TestFactory
    Stream<DynamicTest> theStaffBoardsOwnEndpointsAnswerEveryCallerAsTheirBranchesSay() {
        record Row(String path, String caller, int status) {
        }
        List<Row> rows = List.of(
                new Row("/api/branches/liverpool/events", "nobody", 401),
                new Row("/api/branches/liverpool/events", Callers.CUSTOMER, 403),
                new Row("/api/branches/liverpool/events", Callers.STAFF_LIVERPOOL, 200),
                new Row("/api/branches/merseyside-mobile/events", Callers.STAFF_LIVERPOOL, 200),
                new Row("/api/branches/bangkok-sukhumvit/events", Callers.STAFF_LIVERPOOL, 403),
                new Row("/api/branches/liverpool/events", Callers.STAFF_BANGKOK, 403),
                new Row("/api/branches/bangkok-sukhumvit/events", Callers.STAFF_BANGKOK, 200),
                new Row("/api/branches/liverpool/events", Callers.OPS, 200),
                new Row("/api/branches/liverpool/events", Callers.ADMIN, 200),
                new Row("/api/staff/me", "nobody", 401),
                new Row("/api/staff/me", Callers.CUSTOMER, 200),
                new Row("/api/staff/me", Callers.STAFF_LIVERPOOL, 200),
                new Row("/api/staff/me", Callers.OPS, 200));
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.caller() + " GET " + row.path() + " -> " + row.status(), () -> {
            WebTestClient.RequestHeadersSpec<?> request = client.get().uri(row.path())
                    .accept(row.path().endsWith("/events") ? MediaType.TEXT_EVENT_STREAM : MediaType.APPLICATION_JSON);
            if (!row.caller().equals("nobody")) {
                request.header("Authorization", Callers.bearer(row.caller()));
            }
            var answer = request.exchange().returnResult(String.class);
            assertThat(answer.getStatus().value()).isEqualTo(row.status());
            if (row.status() >= 400) {
                assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
            // A stream stays open: take its first event (or the whole answer) and let go of it.
            answer.getResponseBody().take(1).blockLast(Duration.ofSeconds(30));
        }));
    }
}
