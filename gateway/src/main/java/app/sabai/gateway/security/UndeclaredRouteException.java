package app.sabai.gateway.security;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A route that declares no access: refused to everyone, signed in or not, until someone decides. */
public class UndeclaredRouteException extends ResponseStatusException {

    public UndeclaredRouteException(String routeId) {
        super(HttpStatus.FORBIDDEN, "No access rule is declared for this route (" + routeId + "), so it is closed to everyone.");
    }
}
