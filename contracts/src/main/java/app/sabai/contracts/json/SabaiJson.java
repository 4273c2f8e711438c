package app.sabai.contracts.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;

/**
 * The JSON settings of the event contracts: ISO-8601 times (read by {@link InstantText} when written as the contracts
 * write them), unknown fields ignored (changes within {@code v1} are additive), unknown enum values read as the enum's
 * default or null.
 */
public final class SabaiJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private SabaiJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Applies the contract settings to a builder, so a service's own mapper can share them. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .addModule(new SimpleModule("sabai-instants").addDeserializer(Instant.class, new InstantText.Deserializer()));
    }
}
