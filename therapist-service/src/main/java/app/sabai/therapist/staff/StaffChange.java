package app.sabai.therapist.staff;

import app.sabai.therapist.assignment.ReplanOutcome;

import java.util.List;

/** A therapist after a change, and what became of each booking the change took from them. */
public record StaffChange(TherapistView therapist, List<ReplanOutcome> replanned) {
}
