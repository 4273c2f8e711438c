package app.sabai.contracts.envelope;

import app.sabai.contracts.EventTypes;
import app.sabai.contracts.SabaiEvent;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents Kafka protocol binding in binary mode: attributes travel as {@code ce_*} headers,
 * the record value is the event's JSON. No class names ever appear in headers.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** {@code /sabai/booking-service} for the application name {@code booking-service}. */
    public static String sourceOf(String applicationName) {
        return "/sabai/" + applicationName;
    }

    /** All headers of an event, in a stable order; {@code traceparent} is left out when null. */
    public static Map<String, String> of(SabaiEvent event, String source, TraceParent traceParent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, SPEC_VERSION_1_0);
        headers.put(ID, event.eventId().toString());
        headers.put(TYPE, EventTypes.typeOf(event));
        headers.put(SOURCE, source);
        headers.put(SUBJECT, event.subject());
        headers.put(TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        headers.put(CONTENT_TYPE, JSON);
        if (traceParent != null) {
            headers.put(TRACEPARENT, traceParent.toString());
        }
        return headers;
    }
}
