package app.sabai.gateway.telemetry;

import app.sabai.contracts.envelope.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.util.Optional;

/**
 * The gateway's own span of a request: the one WebFlux's server observation opened, continuing the caller's
 * {@code traceparent} or starting a trace. Answers name it, and log lines written where the request's Reactor context
 * does not reach (a response about to be sent, an error handler) are written inside it.
 */
@Component
public class RequestSpans {

    private final Tracer tracer;

    public RequestSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    Optional<Span> of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(observation -> observation.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan);
    }

    /** The span as a W3C {@code traceparent}, for the caller to quote. */
    static String traceparent(Span span) {
        TraceContext context = span.context();
        return new TraceParent(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()) ? "01" : "00").toString();
    }

    /** Runs {@code logging} with the request's span current, so its lines carry the trace and span ids. */
    public void inSpanOf(ServerWebExchange exchange, Runnable logging) {
        Span span = of(exchange).orElse(null);
        if (span == null) {
            logging.run();
            return;
        }
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            logging.run();
        }
    }
}
