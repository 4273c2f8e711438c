package app.sabai.therapist.staff.adapter;

import app.sabai.contracts.staff.StaffEvent;
import app.sabai.contracts.staff.TherapistProfiled;
import app.sabai.support.kafka.ViewGroups;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Follows {@code sabai.staff} from now on, in a group of its own per start, so that every instance hears of every
 * change of a therapist (one saved by another instance too) and forgets a copy that differs
 * ({@link TherapistDirectory#heard}). When its partitions are assigned it forgets every copy, since a change made before
 * it followed the topic was not heard.
 */
@Component
class StaffChangesListener implements ConsumerSeekAware {

    private final TherapistDirectory directory;

    StaffChangesListener(TherapistDirectory directory) {
        this.directory = directory;
    }

    @KafkaListener(topics = "sabai.staff",
            groupId = "${spring.application.name}-staff-changes" + ViewGroups.PER_START, concurrency = "1", properties = "auto.offset.reset=latest")
    void on(StaffEvent event) {
        switch (event) {
            case TherapistProfiled profiled -> directory.heard(profiled);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        directory.forgetAll();
    }
}
