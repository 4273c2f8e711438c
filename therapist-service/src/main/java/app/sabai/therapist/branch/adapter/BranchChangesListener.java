package app.sabai.therapist.branch.adapter;

import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.branches.BranchEvent;
import app.sabai.support.kafka.ViewGroups;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Follows {@code sabai.branches} from now on, in a group of its own per start, so that every instance hears of every
 * branch change (one saved by another instance too) and forgets a copy that differs ({@link BranchCatalogue#heard}). When its
 * partitions are assigned it forgets every copy, since a change made before it followed the topic was not heard.
 */
@Component
class BranchChangesListener implements ConsumerSeekAware {

    private final BranchCatalogue catalogue;

    BranchChangesListener(BranchCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @KafkaListener(topics = "sabai.branches", groupId = "${spring.application.name}-branch-changes" + ViewGroups.PER_START,
            concurrency = "1", properties = "auto.offset.reset=latest")
    void on(BranchEvent event) {
        switch (event) {
            case BranchCatalogued catalogued -> catalogue.heard(catalogued);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        catalogue.forgetAll();
    }
}
