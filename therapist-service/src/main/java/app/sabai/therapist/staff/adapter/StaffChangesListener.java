package app.sabai.therapist.staff.adapter;

import app.sabai.contracts.staff.StaffEvent;
import app.sabai.contracts.staff.TherapistProfiled;
import app.sabai.support.kafka.EventView;
import org.springframework.stereotype.Component;

/**
 * Follows {@code sabai.staff} from now on (with the process's other views, {@link EventView}), so that every instance
 * hears of every change of a therapist (one saved by another instance too) and forgets a copy that differs
 * ({@link TherapistDirectory#heard}). When it follows again it forgets every copy, since a change made before was not
 * heard.
 */
@Component
class StaffChangesListener implements EventView<StaffEvent> {

    private final TherapistDirectory directory;

    StaffChangesListener(TherapistDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Class<StaffEvent> events() {
        return StaffEvent.class;
    }

    @Override
    public void heard(StaffEvent event) {
        switch (event) {
            case TherapistProfiled profiled -> directory.heard(profiled);
        }
    }

    @Override
    public void following() {
        directory.forgetAll();
    }
}
