package app.sabai.gateway.problem;

import app.sabai.gateway.telemetry.RequestSpans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway produces itself (no route, backend down, body too large, timeout) answered
 * as {@code application/problem+json}. Runs before Spring Boot's default handler, which would answer
 * with its own JSON shape. Answers that come from a backend pass through untouched.
 */
@Component
@Order(-2)
public class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final ProblemWriter writer;
    private final RequestSpans spans;

    public ProblemWebExceptionHandler(ProblemWriter writer, RequestSpans spans) {
        this.writer = writer;
        this.spans = spans;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        String path = exchange.getRequest().getPath().value();
        GatewayProblem problem = GatewayProblems.describe(failure, path, backendOf(exchange));
        spans.inSpanOf(exchange, () -> logProblem(exchange, problem, failure));

        HttpHeaders headers = new HttpHeaders();
        if (failure instanceof ResponseStatusException status) {
            headers.putAll(status.getHeaders());
        }
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, "2");
        }
        return writer.write(exchange, problem, headers);
    }

    private static String backendOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return null;
        }
        Object service = route.getMetadata().get("service");
        return service != null ? service.toString() : route.getUri().toString();
    }

    private static void logProblem(ServerWebExchange exchange, GatewayProblem problem, Throwable failure) {
        if (problem.status() == 500) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), problem.instance(), failure);
        } else if (problem.serverSide()) {
            log.warn("{} {} -> {}: {} ({})", exchange.getRequest().getMethod(), problem.instance(), problem.status(),
                    problem.detail(), failure.toString());
        } else {
            log.debug("{} {} -> {}: {}", exchange.getRequest().getMethod(), problem.instance(), problem.status(), problem.detail());
        }
    }
}
