package app.sabai.gateway.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * One Kafka record as operations see it on the live stream: where it sits, its CloudEvents attributes
 * and its value as JSON (a value that is not JSON, as on a dead-letter topic, comes as a string).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpsEvent(
        String topic,
        int partition,
        long offset,
        String key,
        @JsonProperty("ce_type") String ceType,
        @JsonProperty("ce_id") String ceId,
        @JsonProperty("ce_subject") String ceSubject,
        @JsonProperty("ce_time") String ceTime,
        String traceparent,
        /** Why a record was dead-lettered, on {@code -dlt} topics. */
        String error,
        JsonNode value) {
}
