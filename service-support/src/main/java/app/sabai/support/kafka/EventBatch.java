package app.sabai.support.kafka;

import app.sabai.contracts.SabaiEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands a batch listener's records ({@code @KafkaListener(batch = "true")} taking {@code List<ConsumerRecord<String, Object>>})
 * to code that applies their events together, with each record's outcome what a record listener gives it. The events are
 * applied in their order, in runs between records that cannot be read. Such a record goes to the dead-letter topic once
 * everything before it is applied (the error handler commits up to it, then sends it there). When a run fails, its events
 * are applied again one at a time, which changes nothing for those applied before. The record whose event fails alone
 * is the one the error handler retries, or sends to the dead-letter topic, as it would a record listener's. The container's
 * filter has already skipped the events of types this version does not know.
 */
public final class EventBatch {

    private EventBatch() {
    }

    public static <E extends SabaiEvent> void apply(List<? extends ConsumerRecord<?, ?>> records, Class<E> family,
                                                    Consumer<List<E>> applier) {
        List<E> run = new ArrayList<>();
        List<ConsumerRecord<?, ?>> runRecords = new ArrayList<>();
        for (ConsumerRecord<?, ?> record : records) {
            if (family.isInstance(record.value())) {
                run.add(family.cast(record.value()));
                runRecords.add(record);
                continue;
            }
            applyRun(runRecords, run, applier);
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            throw new BatchListenerFailedException("The record at " + where + " is not a readable " + family.getSimpleName(),
                    new PoisonRecordException("Not a readable " + family.getSimpleName() + " at " + where), record);
        }
        applyRun(runRecords, run, applier);
    }

    private static <E> void applyRun(List<ConsumerRecord<?, ?>> records, List<E> events, Consumer<List<E>> applier) {
        if (events.isEmpty()) {
            return;
        }
        try {
            applier.accept(List.copyOf(events));
            return;
        } catch (RuntimeException together) {
            if (events.size() == 1) {
                throw new BatchListenerFailedException(String.valueOf(together.getMessage()), together, records.getFirst());
            }
        }
        for (int i = 0; i < events.size(); i++) {
            try {
                applier.accept(List.of(events.get(i)));
            } catch (RuntimeException alone) {
                throw new BatchListenerFailedException(String.valueOf(alone.getMessage()), alone, records.get(i));
            }
        }
    }
}
