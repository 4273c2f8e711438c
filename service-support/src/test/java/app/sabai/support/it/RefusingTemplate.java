package app.sabai.support.it;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A template over the real broker that refuses the next {@link #refusals} sends, as a broker that is away would. */
class RefusingTemplate extends KafkaTemplate<String, Object> {

    final AtomicInteger refusals;

    RefusingTemplate(ProducerFactory<String, Object> producers, int refusals) {
        super(producers);
        this.refusals = new AtomicInteger(refusals);
    }

    @Override
    public CompletableFuture<SendResult<String, Object>> send(ProducerRecord<String, Object> record) {
        return refusals.getAndDecrement() > 0
                ? CompletableFuture.failedFuture(new KafkaException("broker away"))
                : super.send(record);
    }
}
