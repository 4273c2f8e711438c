package app.sabai.gateway.testing;

import app.sabai.gateway.security.RouteAccess;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Routes only the tests have: one to a backend that is down (nothing listens on its port), one for operations
 * only, and one that declares no access at all.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRoutes {

    public static final String DEAD_BACKEND_PATH = "/api/test/dead-backend";
    public static final String OPERATIONS_PATH = "/api/test/operations";
    public static final String UNDECLARED_PATH = "/api/test/undeclared";
    public static final String UNDECLARED_ID = "test-undeclared";

    @Bean
    RouteLocator testRoutes(RouteLocatorBuilder routes) {
        return routes.routes()
                .route("test-dead-backend", route -> route.path(DEAD_BACKEND_PATH + "/**")
                        .metadata("service", "dead-service")
                        .metadata(RouteAccess.METADATA_KEY, RouteAccess.ANYONE.declared())
                        .uri("http://localhost:" + Backends.DEAD_PORT))
                .route("test-operations", route -> route.path(OPERATIONS_PATH + "/**")
                        .metadata("service", "booking-service")
                        .metadata(RouteAccess.METADATA_KEY, RouteAccess.OPERATIONS.declared())
                        .uri(Backends.BOOKING.url()))
                .route(UNDECLARED_ID, route -> route.path(UNDECLARED_PATH + "/**")
                        .metadata("service", "booking-service")
                        .uri(Backends.BOOKING.url()))
                .build();
    }
}
