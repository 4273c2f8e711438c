package app.sabai.gateway.trace;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Makes the trace id written into the Reactor context by {@link TraceWebFilter} appear as the MDC
 * value {@code traceId} on whichever thread handles the request (with
 * {@code spring.reactor.context-propagation=auto}), so every log line of a request names its trace.
 */
@Component
class TraceIdInLogs implements InitializingBean {

    static final String KEY = "traceId";

    @Override
    public void afterPropertiesSet() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY,
                () -> MDC.get(KEY),
                value -> MDC.put(KEY, value),
                () -> MDC.remove(KEY));
    }
}
