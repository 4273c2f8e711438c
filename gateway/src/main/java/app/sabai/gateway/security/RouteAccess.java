package app.sabai.gateway.security;

import org.springframework.cloud.gateway.route.Route;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who may pass a route, as the route declares it in its metadata ({@code access: signed-in}). The gateway decides
 * only this much; each service checks the token again and decides the rest (whose booking, which branch).
 */
public enum RouteAccess {

    /** No token needed: the public catalogue, free times, and the local token endpoint. */
    ANYONE("anyone"),
    /** Any valid access token or signed-in browser session. */
    SIGNED_IN("signed-in"),
    /** Operations and administrators only ({@code OPS} or {@code ADMIN}). */
    OPERATIONS("operations");

    public static final String METADATA_KEY = "access";

    private final String declared;

    RouteAccess(String declared) {
        this.declared = declared;
    }

    public String declared() {
        return declared;
    }

    /** What the route declares; empty when it declares nothing, or a value that is none of these. */
    public static Optional<RouteAccess> declaredBy(Route route) {
        Object value = route.getMetadata().get(METADATA_KEY);
        return Arrays.stream(values()).filter(access -> access.declared.equals(value)).findFirst();
    }
}
