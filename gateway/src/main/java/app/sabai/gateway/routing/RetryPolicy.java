package app.sabai.gateway.routing;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Which requests the gateway may send to a backend a second time: reads always, a POST only when it
 * carries an {@code Idempotency-Key} (the backend then answers a repeat with the first result instead
 * of acting twice). Everything else is sent once.
 */
public final class RetryPolicy {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private RetryPolicy() {
    }

    public static boolean mayRetry(HttpMethod method, HttpHeaders headers) {
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            return true;
        }
        if (HttpMethod.POST.equals(method)) {
            String key = headers.getFirst(IDEMPOTENCY_KEY);
            return key != null && !key.isBlank();
        }
        return false;
    }
}
