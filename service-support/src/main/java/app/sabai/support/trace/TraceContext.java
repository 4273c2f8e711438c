package app.sabai.support.trace;

import app.sabai.contracts.envelope.TraceParent;
import org.slf4j.MDC;

/**
 * The trace the current thread works for: set from the {@code traceparent} of an HTTP request or a
 * consumed record, and written into every event the work causes.
 */
public final class TraceContext {

    public static final String MDC_TRACE_ID = "traceId";

    private static final ThreadLocal<TraceParent> CURRENT = new ThreadLocal<>();

    private TraceContext() {
    }

    /** The trace of the current work, or a new root when the work started without one. */
    public static TraceParent current() {
        TraceParent current = CURRENT.get();
        return current != null ? current : TraceParent.newRoot();
    }

    /** Continues the given trace (or starts one) as a new span on this thread. */
    public static TraceParent continueFrom(String traceparentHeader) {
        TraceParent next = TraceParent.parse(traceparentHeader).map(TraceParent::child).orElseGet(TraceParent::newRoot);
        CURRENT.set(next);
        MDC.put(MDC_TRACE_ID, next.traceId());
        return next;
    }

    public static void clear() {
        CURRENT.remove();
        MDC.remove(MDC_TRACE_ID);
    }
}
