package app.sabai.therapist.planning;

import java.util.Objects;

/** Whom a plan may give the session to: anyone qualified, only one named therapist, or anyone but one. */
public sealed interface TherapistChoice {

    record Anyone() implements TherapistChoice {
    }

    /** Staff named the therapist: nobody else is considered. */
    record Only(String therapistId) implements TherapistChoice {
        public Only {
            Objects.requireNonNull(therapistId, "therapistId");
        }
    }

    /** A reassignment looks for someone other than the therapist who has the session now. */
    record AnyoneBut(String therapistId) implements TherapistChoice {
        public AnyoneBut {
            Objects.requireNonNull(therapistId, "therapistId");
        }
    }

    static TherapistChoice anyone() {
        return new Anyone();
    }
}
