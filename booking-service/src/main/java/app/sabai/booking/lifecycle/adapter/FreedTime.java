package app.sabai.booking.lifecycle.adapter;

import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;
import app.sabai.contracts.assignments.TherapistRosterChanged;

/**
 * Time therapist-service says is free at a branch: a booking's released slot, an absence withdrawn, or working time a
 * roster change added. Customers waiting for such time may be offered it. Called in the order of the branch's events;
 * must be repeatable.
 */
public interface FreedTime {

    void slotReleased(SlotReleased released);

    void absenceWithdrawn(TherapistAbsenceWithdrawn withdrawn);

    void rosterOpened(TherapistRosterChanged changed);
}
