package app.sabai.support.kafka;

import app.sabai.contracts.EventTypes;
import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.json.SabaiJson;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a record's value as the event its {@code ce_type} names. A type this version does not know
 * (a newer {@code v2}, say) reads as null and is skipped by {@link UnknownEventTypeFilter}; a record
 * without a type, or whose value does not parse, fails and goes to the dead-letter topic.
 */
public class SabaiEventDeserializer implements Deserializer<SabaiEvent> {

    @Override
    public SabaiEvent deserialize(String topic, byte[] data) {
        throw new PoisonRecordException("A Sabai event needs its ce_type header");
    }

    @Override
    public SabaiEvent deserialize(String topic, Headers headers, byte[] data) {
        String type = header(headers, CloudEventHeaders.TYPE)
                .orElseThrow(() -> new PoisonRecordException("Record on " + topic + " has no ce_type header"));
        Optional<Class<? extends SabaiEvent>> eventClass = EventTypes.classOf(type);
        if (eventClass.isEmpty()) {
            return null;
        }
        if (data == null) {
            throw new PoisonRecordException("Record of type " + type + " on " + topic + " has no value");
        }
        return SabaiJson.mapper().readValue(data, eventClass.get());
    }

    static Optional<String> header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
