package app.sabai.therapist.roster.adapter;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.contracts.assignments.TherapistRosterChanged;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Follows {@code sabai.assignments} from now on, in a group of its own per start, so that every instance hears of every
 * roster change (one written by another instance too) and forgets a copy that differs ({@link Rosters#heard}). When its
 * partitions are assigned it forgets every copy, since a change made before it followed the topic was not heard.
 */
@Component
class RosterChangesListener implements ConsumerSeekAware {

    private final Rosters rosters;

    RosterChangesListener(Rosters rosters) {
        this.rosters = rosters;
    }

    @KafkaListener(topics = "sabai.assignments",
            groupId = "${spring.application.name}-roster-changes-${random.uuid}", properties = "auto.offset.reset=latest")
    void on(AssignmentEvent event) {
        if (event instanceof TherapistRosterChanged changed) {
            rosters.heard(changed);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        rosters.forgetAll();
    }
}
