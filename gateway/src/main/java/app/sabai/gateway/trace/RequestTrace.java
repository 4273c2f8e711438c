package app.sabai.gateway.trace;

import app.sabai.contracts.envelope.TraceParent;
import org.springframework.web.server.ServerWebExchange;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The trace and correlation ids of one request through the gateway. A caller's well-formed
 * {@code traceparent} is continued (same trace id, the gateway's own span) and its {@code X-Correlation-Id}
 * kept; anything missing or malformed is replaced by new ids.
 */
public record RequestTrace(TraceParent traceParent, String correlationId) {

    public static final String TRACEPARENT = "traceparent";
    public static final String CORRELATION_ID = "X-Correlation-Id";

    private static final String ATTRIBUTE = RequestTrace.class.getName();
    /** Printable and short, so a caller cannot inject header or log lines through it. */
    private static final Pattern ACCEPTABLE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    public static RequestTrace from(String traceparentHeader, String correlationIdHeader) {
        TraceParent traceParent = TraceParent.parse(traceparentHeader)
                .map(TraceParent::child)
                .orElseGet(TraceParent::newRoot);
        String correlationId = correlationIdHeader != null && ACCEPTABLE_CORRELATION_ID.matcher(correlationIdHeader).matches()
                ? correlationIdHeader
                : UUID.randomUUID().toString();
        return new RequestTrace(traceParent, correlationId);
    }

    public String traceId() {
        return traceParent.traceId();
    }

    void attachTo(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }

    public static Optional<RequestTrace> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
