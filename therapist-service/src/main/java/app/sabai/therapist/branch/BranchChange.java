package app.sabai.therapist.branch;

import app.sabai.therapist.assignment.ReplanOutcome;

import java.util.List;

/** A branch after a change, and what became of each booking of a treatment it stopped offering. */
public record BranchChange(BranchView branch, List<ReplanOutcome> replanned) {
}
