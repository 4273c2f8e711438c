package app.sabai.support.kafka;

import app.sabai.contracts.EventTypes;
import app.sabai.contracts.envelope.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;

/**
 * Skips events of a type this version does not know — a newer {@code v2} published beside {@code v1},
 * or a new event in the family — instead of failing on them.
 */
public class UnknownEventTypeFilter implements RecordFilterStrategy<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(UnknownEventTypeFilter.class);

    @Override
    public boolean filter(ConsumerRecord<Object, Object> record) {
        if (record.value() != null) {
            return false;
        }
        return SabaiEventDeserializer.header(record.headers(), CloudEventHeaders.TYPE)
                .filter(type -> EventTypes.classOf(type).isEmpty())
                .map(type -> {
                    log.debug("Skipping {} at {}-{}@{}: type not known to this version", type, record.topic(),
                            record.partition(), record.offset());
                    return true;
                })
                .orElse(false);
    }
}
