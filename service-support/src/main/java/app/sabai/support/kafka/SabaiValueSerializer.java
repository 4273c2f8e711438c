package app.sabai.support.kafka;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.json.SabaiJson;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;

/**
 * Record values: raw bytes as they are (the relay's stored payloads, a poison record's original bytes
 * on its way to a dead-letter topic), events as their contract JSON.
 */
public class SabaiValueSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return switch (data) {
            case null -> null;
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case SabaiEvent event -> SabaiJson.mapper().writeValueAsBytes(event);
            default -> throw new IllegalArgumentException("Cannot publish a " + data.getClass().getName());
        };
    }
}
