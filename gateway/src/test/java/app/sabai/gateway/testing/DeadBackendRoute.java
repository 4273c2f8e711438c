package app.sabai.gateway.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/** A route to a backend that is down (nothing listens on its port). */
@TestConfiguration(proxyBeanMethods = false)
public class DeadBackendRoute {

    public static final String PATH = "/test/dead-backend";

    @Bean
    RouteLocator deadBackendRoute(RouteLocatorBuilder routes) {
        return routes.routes()
                .route("test-dead-backend", route -> route.path(PATH + "/**")
                        .metadata("service", "dead-service")
                        .uri("http://localhost:" + Backends.DEAD_PORT))
                .build();
    }
}
