package app.sabai.gateway.security;

import app.sabai.gateway.problem.GatewayProblem;
import app.sabai.gateway.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * Refusals as {@code application/problem+json}, in the services' words: {@code 401} with
 * {@code WWW-Authenticate: Bearer} when the request carries no valid access token or session (saying why a token
 * was refused), {@code 403} when the caller may not do this, or a session's change came without its CSRF token.
 */
@Component
class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemWriter writer;

    SecurityProblems(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException refused) {
        boolean sentToken = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        String detail = sentToken
                ? "The access token was refused: " + reason(refused) + "."
                : "Sign in first: send an access token as 'Authorization: Bearer <token>', or sign in with the browser.";
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, sentToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        return writer.write(exchange, new GatewayProblem(GatewayProblem.UNAUTHORIZED, "Unauthorized", 401, detail, path(exchange)), headers);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        if (denied instanceof CsrfException) {
            return forbidden(exchange, "A change made with the browser's session needs the X-XSRF-TOKEN header holding the"
                    + " value of the XSRF-TOKEN cookie.");
        }
        return exchange.getPrincipal()
                .filter(Authentication.class::isInstance)
                .map(caller -> SabaiRoles.of((Authentication) caller))
                .defaultIfEmpty(Set.of())
                .flatMap(roles -> forbidden(exchange, "Signed in with " + (roles.isEmpty() ? "no role" : String.join(", ", roles))
                        + ": this is not open to you" + (isChange(exchange) && roles.equals(Set.of(SabaiRoles.OPS))
                        ? " (operations read, and change nothing)." : ".")));
    }

    private Mono<Void> forbidden(ServerWebExchange exchange, String detail) {
        return writer.write(exchange, new GatewayProblem(GatewayProblem.FORBIDDEN, "Forbidden", 403, detail, path(exchange)), new HttpHeaders());
    }

    private static boolean isChange(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method);
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    private static String reason(AuthenticationException refused) {
        if (refused instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            String description = oauth.getError().getDescription();
            if (description.contains("expired")) {
                return "it has expired";
            }
            if (description.contains("iss claim")) {
                return "it was issued by an issuer this platform does not trust";
            }
            if (description.contains("aud claim")) {
                return "it was not issued for Sabai (audience)";
            }
            if (description.contains("Malformed") || description.contains("decode")) {
                return "it is not a token this platform issued or can read";
            }
            return description;
        }
        return "it is not valid";
    }
}
