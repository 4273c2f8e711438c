package app.sabai.gateway.security;

import app.sabai.gateway.lifecycle.StartRefusedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * {@code POST /auth/token} (form {@code username}, {@code password}) passed on to the identity provider, so a local
 * run's scripts get a token from the one public address. Demo users' passwords are known to everyone, so the route
 * exists only with {@code sabai.identity.local-token.enabled=true}, and the gateway refuses to start with it unless
 * the provider is on this machine.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sabai.identity.local-token.enabled")
class LocalTokenRoute {

    static final String ID = "auth-token";
    static final String PATH = "/auth/token";

    @Bean
    RouteLocator authTokenRoute(RouteLocatorBuilder routes, IdentitySettings identity) {
        if (!identity.issuerIsLocal()) {
            throw new StartRefusedException("POST /auth/token (sabai.identity.local-token.enabled=true) hands out tokens for"
                    + " demo users whose passwords everyone knows and is only for a local run, but the issuer "
                    + identity.issuer() + " is not on this machine (its host must be localhost, 127.0.0.1 or ::1).",
                    "Switch the local token route off (sabai.identity.local-token.enabled=false), or run with a local"
                            + " issuer such as http://localhost:9000.");
        }
        return routes.routes()
                .route(ID, route -> route.path(PATH).and().method(HttpMethod.POST)
                        .metadata(RouteAccess.METADATA_KEY, RouteAccess.ANYONE.declared())
                        .metadata("audience", "customer")
                        .metadata("service", "identity")
                        .uri(identity.issuerUri()))
                .build();
    }
}
