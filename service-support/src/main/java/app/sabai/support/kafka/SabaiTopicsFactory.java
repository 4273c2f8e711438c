package app.sabai.support.kafka;

import app.sabai.contracts.Topic;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.ArrayList;
import java.util.List;

/** Every topic of the platform and its dead-letter topic, declared by every service (creation is idempotent). */
public final class SabaiTopicsFactory {

    private SabaiTopicsFactory() {
    }

    public static KafkaAdmin.NewTopics all(int partitions, int replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            TopicBuilder builder = TopicBuilder.name(topic.topicName()).partitions(partitions).replicas(replicationFactor);
            if (topic.compacted()) {
                builder.compact();
            }
            topics.add(builder.build());
            // Dead letters keep the source's partitioning and stay until someone has looked at them.
            topics.add(TopicBuilder.name(topic.deadLetterTopicName()).partitions(partitions).replicas(replicationFactor)
                    .config("retention.ms", "-1").build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
