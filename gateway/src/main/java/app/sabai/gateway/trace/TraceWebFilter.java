package app.sabai.gateway.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request a W3C {@code traceparent} and an {@code X-Correlation-Id} (kept from the caller
 * or created), passes both to the backend and returns both on the response, whoever answers: a
 * backend, the gateway's own endpoints or its error handler. A web filter rather than a route filter,
 * so requests that match no route are traced too. Writes one access-log line per request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceWebFilter implements WebFilter {

    private static final Logger accessLog = LoggerFactory.getLogger("app.sabai.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        RequestTrace trace = RequestTrace.from(incoming.getFirst(RequestTrace.TRACEPARENT), incoming.getFirst(RequestTrace.CORRELATION_ID));
        ServerWebExchange traced = exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.set(RequestTrace.TRACEPARENT, trace.traceParent().toString());
                    headers.set(RequestTrace.CORRELATION_ID, trace.correlationId());
                }))
                .build();
        trace.attachTo(traced);

        long started = System.nanoTime();
        ServerHttpResponse response = traced.getResponse();
        response.beforeCommit(() -> {
            // Set last: a backend's own traceparent (its span) must not replace the gateway's answer.
            response.getHeaders().set(RequestTrace.TRACEPARENT, trace.traceParent().toString());
            response.getHeaders().set(RequestTrace.CORRELATION_ID, trace.correlationId());
            logAccess(traced.getRequest(), response, trace, started);
            return Mono.empty();
        });
        return chain.filter(traced).contextWrite(Context.of(TraceIdInLogs.KEY, trace.traceId()));
    }

    private static void logAccess(ServerHttpRequest request, ServerHttpResponse response, RequestTrace trace, long started) {
        if (!accessLog.isInfoEnabled()) {
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(TraceIdInLogs.KEY, trace.traceId())) {
            accessLog.info("{} {} -> {} in {} ms (correlation {})", request.getMethod(), request.getPath().value(),
                    response.getStatusCode() == null ? "-" : response.getStatusCode().value(),
                    (System.nanoTime() - started) / 1_000_000, trace.correlationId());
        }
    }
}
