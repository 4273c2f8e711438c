package app.sabai.gateway.testing;

import app.sabai.infra.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The test JVM's broker's topics, made as the services make them locally. */
public final class Topics {

    /** The partitions of every topic the gateway's tests make: three, as the services' topics have locally. */
    public static final int PARTITIONS = 3;

    private Topics() {
    }

    /** Makes each topic with {@link #PARTITIONS} partitions unless it exists; one made by another test is left as it is. */
    public static void ensure(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers()))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
