package app.sabai.contracts.assignments;

import app.sabai.contracts.SabaiEvent;

/** Events of {@code sabai.assignments}, keyed by branch. */
public sealed interface AssignmentEvent extends SabaiEvent permits
        TherapistAssigned, AssignmentRejected, TherapistReassigned, ReassignmentFailed, SlotReleased,
        TherapistAbsenceRecorded, TherapistAbsenceWithdrawn, TherapistRosterChanged, SessionRescheduled, RescheduleRefused {

    String branchId();

    @Override
    default String key() {
        return branchId();
    }
}
