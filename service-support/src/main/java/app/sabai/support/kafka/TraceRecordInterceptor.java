package app.sabai.support.kafka;

import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.support.trace.TraceContext;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/** Continues the trace a consumed record carries, so the events its processing causes carry it on. */
public class TraceRecordInterceptor implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        TraceContext.continueFrom(SabaiEventDeserializer.header(record.headers(), CloudEventHeaders.TRACEPARENT).orElse(null));
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        TraceContext.clear();
    }
}
