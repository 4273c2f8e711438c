package app.sabai.gateway.security;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a request through to its backend only as its route's declared {@link RouteAccess} allows, before any other
 * filter of the route runs. A route that declares none is refused to everyone. A refusal of access is raised as
 * Spring Security's own, so the security chain answers it: 401 when nobody is signed in, 403 otherwise.
 */
@Component
class RouteAccessFilter implements GlobalFilter, Ordered {

    private static final ReactiveAuthorizationManager<ServerWebExchange> SIGNED_IN = AuthenticatedReactiveAuthorizationManager.authenticated();
    private static final ReactiveAuthorizationManager<ServerWebExchange> OPERATIONS =
            AuthorityReactiveAuthorizationManager.hasAnyRole(SabaiRoles.OPS, SabaiRoles.ADMIN);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        RouteAccess access = RouteAccess.declaredBy(route).orElse(null);
        if (access == null) {
            return Mono.error(new UndeclaredRouteException(route.getId()));
        }
        Mono<Authentication> caller = exchange.getPrincipal().filter(Authentication.class::isInstance).cast(Authentication.class);
        return switch (access) {
            case ANYONE -> chain.filter(exchange);
            case SIGNED_IN -> SIGNED_IN.verify(caller, exchange).then(Mono.defer(() -> chain.filter(exchange)));
            case OPERATIONS -> OPERATIONS.verify(caller, exchange).then(Mono.defer(() -> chain.filter(exchange)));
        };
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
