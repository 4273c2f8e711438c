package app.sabai.gateway.ops;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far each consumer group is behind on each topic: the latest offsets minus the group's committed offsets,
 * summed over the topic's partitions. Read with the admin client, and kept for a few seconds so a room full of open
 * consoles asks the broker once.
 */
@Component
class ConsumerLag implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 10;

    /** One group's lag on one topic. */
    record GroupLag(String group, String topic, long lag, int partitions) {
    }

    private final KafkaProperties kafka;
    private final Mono<List<GroupLag>> cached;
    private Admin admin;

    ConsumerLag(KafkaProperties kafka, OpsConsoleProperties settings) {
        this.kafka = kafka;
        Duration keptFor = settings.lagKeptFor();
        this.cached = Mono.fromCallable(this::read)
                .subscribeOn(Schedulers.boundedElastic())
                .cache(lag -> keptFor, failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    Mono<List<GroupLag>> current() {
        return cached;
    }

    private synchronized List<GroupLag> read() throws InterruptedException, ExecutionException, TimeoutException {
        Admin client = admin();
        List<String> groups = new ArrayList<>();
        for (GroupListing group : client.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // The gateway's own followers never commit; they have no lag to show.
            if (!group.groupId().startsWith("gateway-ops-")) {
                groups.add(group.groupId());
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                client.listConsumerGroupOffsets(specs).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty()
                ? Map.of() : client.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        Map<String, Map<String, long[]>> byGroupAndTopic = new TreeMap<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            ListOffsetsResult.ListOffsetsResultInfo end = ends.get(partition);
            if (offset == null || end == null) {
                return;
            }
            long[] lagAndPartitions = byGroupAndTopic.computeIfAbsent(group, g -> new TreeMap<>())
                    .computeIfAbsent(partition.topic(), t -> new long[2]);
            lagAndPartitions[0] += Math.max(0, end.offset() - offset.offset());
            lagAndPartitions[1]++;
        }));
        List<GroupLag> lag = new ArrayList<>();
        byGroupAndTopic.forEach((group, topics) -> topics.forEach((topic, lagAndPartitions) ->
                lag.add(new GroupLag(group, topic, lagAndPartitions[0], (int) lagAndPartitions[1]))));
        lag.sort(Comparator.comparing(GroupLag::group).thenComparing(GroupLag::topic));
        return lag;
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
            config.putIfAbsent("client.id", "gateway-ops-lag");
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
