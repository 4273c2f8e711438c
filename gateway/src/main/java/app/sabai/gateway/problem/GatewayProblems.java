package app.sabai.gateway.problem;

import io.netty.channel.ConnectTimeoutException;
import reactor.netty.http.client.PrematureCloseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.server.ResponseStatusException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/** Which problem answers a failure, as a plain function of the failure and where it happened. */
public final class GatewayProblems {

    private GatewayProblems() {
    }

    /**
     * @param path    the request path, reported as the problem's {@code instance}
     * @param backend the service the request was routed to ("booking-service"), or null when none was
     */
    public static GatewayProblem describe(Throwable failure, String path, String backend) {
        String service = backend == null ? "The service" : backend;
        if (causedBy(failure, ConnectException.class) || causedBy(failure, ConnectTimeoutException.class)
                || causedBy(failure, UnknownHostException.class) || causedBy(failure, NoRouteToHostException.class)) {
            return new GatewayProblem(GatewayProblem.SERVICE_UNAVAILABLE, "Service unavailable", 503,
                    service + " is not reachable right now; try again in a moment.", path);
        }
        if (causedBy(failure, PrematureCloseException.class) || causedBy(failure, ClosedChannelException.class)) {
            return new GatewayProblem(GatewayProblem.BAD_GATEWAY, "Bad gateway", 502,
                    service + " closed the connection before answering.", path);
        }
        if (causedBy(failure, OAuth2AuthorizationException.class)) {
            return new GatewayProblem(GatewayProblem.UNAUTHORIZED, "Unauthorized", 401,
                    "Your sign-in has ended and could not be renewed; sign in again.", path);
        }
        if (failure instanceof ResponseStatusException status) {
            return fromStatus(status.getStatusCode(), status.getReason(), path, service);
        }
        if (causedBy(failure, TimeoutException.class)) {
            return fromStatus(HttpStatus.GATEWAY_TIMEOUT, null, path, service);
        }
        return new GatewayProblem(GatewayProblem.INTERNAL_ERROR, "Internal error", 500,
                "The gateway could not handle this request; its traceparent identifies it in the logs.", path);
    }

    private static GatewayProblem fromStatus(HttpStatusCode code, String reason, String path, String service) {
        int status = code.value();
        return switch (status) {
            case 401 -> new GatewayProblem(GatewayProblem.UNAUTHORIZED, "Unauthorized", 401,
                    orDefault(reason, "Sign in first: send an access token as 'Authorization: Bearer <token>'."), path);
            case 403 -> new GatewayProblem(GatewayProblem.FORBIDDEN, "Forbidden", 403,
                    orDefault(reason, "This is not open to you."), path);
            case 404 -> new GatewayProblem(GatewayProblem.NOT_FOUND, "Not found", 404,
                    "There is no API at " + path + ".", path);
            case 405 -> new GatewayProblem(GatewayProblem.METHOD_NOT_ALLOWED, "Method not allowed", 405,
                    orDefault(reason, "This method is not allowed here."), path);
            case 413 -> new GatewayProblem(GatewayProblem.REQUEST_TOO_LARGE, "Request too large", 413,
                    orDefault(reason, "The request body is too large."), path);
            case 429 -> new GatewayProblem(GatewayProblem.TOO_MANY_REQUESTS, "Too many requests", 429,
                    orDefault(reason, "Too many requests; try again after the time in Retry-After."), path);
            case 502 -> new GatewayProblem(GatewayProblem.BAD_GATEWAY, "Bad gateway", 502,
                    service + " answered in a way the gateway could not pass on.", path);
            case 503 -> new GatewayProblem(GatewayProblem.SERVICE_UNAVAILABLE, "Service unavailable", 503,
                    orDefault(reason, service + " is not available right now; try again in a moment."), path);
            case 504 -> new GatewayProblem(GatewayProblem.GATEWAY_TIMEOUT, "Gateway timeout", 504,
                    service + " did not answer in time.", path);
            default -> status >= 400 && status < 500
                    ? new GatewayProblem(GatewayProblem.INVALID_REQUEST, title(code), status,
                            orDefault(reason, "The request cannot be handled as sent."), path)
                    : new GatewayProblem(GatewayProblem.INTERNAL_ERROR, title(code), status,
                            "The gateway could not handle this request; its traceparent identifies it in the logs.", path);
        };
    }

    private static String title(HttpStatusCode code) {
        HttpStatus known = HttpStatus.resolve(code.value());
        return known == null ? "Error " + code.value() : known.getReasonPhrase();
    }

    private static String orDefault(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
