package app.sabai.therapist.assignment;

import app.sabai.contracts.values.Alternative;
import app.sabai.contracts.values.CandidateVerdict;

import java.util.List;

/** The answer to a staff request to move a booking to another therapist. */
public sealed interface Reassignment {

    /** The booking moved (or already was with the therapist named: {@code changed} false). */
    record Done(AssignmentView assignment, boolean changed) implements Reassignment {
    }

    /**
     * Nothing changed: {@code rule} is the hard rule (or the reason) that refused; {@code otherTherapists}
     * could take the session at its time, {@code alternatives} are the nearest other times.
     */
    record Refused(String rule, String detail, List<CandidateVerdict> considered, List<CandidateVerdict> otherTherapists,
                   List<Alternative> alternatives) implements Reassignment {

        public Refused {
            considered = List.copyOf(considered);
            otherTherapists = List.copyOf(otherTherapists);
            alternatives = List.copyOf(alternatives);
        }
    }
}
