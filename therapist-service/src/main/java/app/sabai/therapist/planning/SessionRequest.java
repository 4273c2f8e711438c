package app.sabai.therapist.planning;

import app.sabai.contracts.values.CareRequirements;
import app.sabai.contracts.values.GenderPreference;
import app.sabai.contracts.values.Preferences;
import app.sabai.contracts.values.Technique;
import app.sabai.therapist.time.Interval;

import java.util.Objects;

/**
 * What a session needs to be planned: the technique and time, the hard demands of the intake screening,
 * the customer's soft wishes, the therapist of their previous session when it is known, and whom the
 * session may go to. {@code bookingId} is null when no booking is being planned (an availability search);
 * otherwise what the same booking already holds is not in its own way.
 */
public record SessionRequest(
        String bookingId,
        Technique technique,
        Interval session,
        CareRequirements requirements,
        Preferences preferences,
        String previousTherapistId,
        TherapistChoice choice) {

    public SessionRequest {
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(session, "session");
        requirements = requirements == null ? CareRequirements.none() : requirements;
        preferences = preferences == null ? Preferences.none() : preferences;
        choice = choice == null ? TherapistChoice.anyone() : choice;
    }

    public SessionRequest(String bookingId, Technique technique, Interval session, CareRequirements requirements,
                          Preferences preferences, String previousTherapistId) {
        this(bookingId, technique, session, requirements, preferences, previousTherapistId, TherapistChoice.anyone());
    }

    public static SessionRequest of(Technique technique, Interval session) {
        return new SessionRequest(null, technique, session, null, null, null);
    }

    public SessionRequest at(Interval otherSession) {
        return new SessionRequest(bookingId, technique, otherSession, requirements, preferences, previousTherapistId, choice);
    }

    public SessionRequest choosing(TherapistChoice otherChoice) {
        return new SessionRequest(bookingId, technique, session, requirements, preferences, previousTherapistId, otherChoice);
    }

    public GenderPreference genderPreference() {
        return preferences.therapistGender() == null ? GenderPreference.ANY : preferences.therapistGender();
    }

    /** The intake noted something a therapist must handle with care: experience then counts. */
    public boolean flagged() {
        return requirements.seniorTherapist() || requirements.gentlePressureOnly()
                || !requirements.excludedAreas().isEmpty() || !requirements.notesForTherapist().isEmpty();
    }
}
