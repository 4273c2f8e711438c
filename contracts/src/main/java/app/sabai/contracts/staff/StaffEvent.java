package app.sabai.contracts.staff;

import app.sabai.contracts.SabaiEvent;

/** Events of the compacted {@code sabai.staff} topic: the latest record per therapist is their profile. */
public sealed interface StaffEvent extends SabaiEvent permits TherapistProfiled {

    String therapistId();

    @Override
    default String key() {
        return therapistId();
    }

    @Override
    default String subject() {
        return therapistId();
    }
}
