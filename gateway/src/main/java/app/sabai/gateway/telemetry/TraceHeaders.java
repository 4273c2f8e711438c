package app.sabai.gateway.telemetry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the caller sees of the trace, whoever answers (a backend, the gateway's own endpoints or its error handler):
 * the gateway's {@code traceparent}, which replaces a backend's own, and the {@code X-Correlation-Id} the caller sent
 * (kept when it is safe, otherwise a new one), which the backend is sent too. The trace itself is continued and passed
 * on by the observations (WebFlux's server observation, the gateway's client observation). Writes one access-log line
 * per request, in the request's span.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceHeaders implements WebFilter {

    public static final String TRACEPARENT = "traceparent";
    public static final String CORRELATION_ID = "X-Correlation-Id";

    private static final Logger accessLog = LoggerFactory.getLogger("app.sabai.gateway.access");
    /** Printable and short, so a caller cannot inject header or log lines through it. */
    private static final Pattern ACCEPTABLE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final RequestSpans spans;

    public TraceHeaders(RequestSpans spans) {
        this.spans = spans;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String correlationId = correlationId(exchange.getRequest().getHeaders().getFirst(CORRELATION_ID));
        ServerWebExchange correlated = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(CORRELATION_ID, correlationId)))
                .build();

        long started = System.nanoTime();
        ServerHttpResponse response = correlated.getResponse();
        response.beforeCommit(() -> {
            spans.of(correlated).map(RequestSpans::traceparent).ifPresentOrElse(
                    traceparent -> response.getHeaders().set(TRACEPARENT, traceparent),
                    () -> response.getHeaders().remove(TRACEPARENT));
            response.getHeaders().set(CORRELATION_ID, correlationId);
            spans.inSpanOf(correlated, () -> logAccess(correlated.getRequest(), response, correlationId, started));
            return Mono.empty();
        });
        return chain.filter(correlated);
    }

    static String correlationId(String sent) {
        return sent != null && ACCEPTABLE_CORRELATION_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    private static void logAccess(ServerHttpRequest request, ServerHttpResponse response, String correlationId, long started) {
        if (accessLog.isInfoEnabled()) {
            accessLog.info("{} {} -> {} in {} ms (correlation {})", request.getMethod(), request.getPath().value(),
                    response.getStatusCode() == null ? "-" : response.getStatusCode().value(),
                    (System.nanoTime() - started) / 1_000_000, correlationId);
        }
    }
}
