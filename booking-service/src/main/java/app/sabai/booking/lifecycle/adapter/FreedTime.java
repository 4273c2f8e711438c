package app.sabai.booking.lifecycle.adapter;

import app.sabai.contracts.assignments.SlotReleased;
import app.sabai.contracts.assignments.TherapistAbsenceWithdrawn;

/**
 * Time therapist-service says is free again at a branch: a booking's released slot, or an absence withdrawn. Customers
 * waiting for such time may be offered it. Called in the order of the branch's events; must be repeatable.
 */
public interface FreedTime {

    void slotReleased(SlotReleased released);

    void absenceWithdrawn(TherapistAbsenceWithdrawn withdrawn);
}
