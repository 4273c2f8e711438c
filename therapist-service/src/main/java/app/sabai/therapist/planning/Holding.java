package app.sabai.therapist.planning;

import app.sabai.therapist.time.Interval;

import java.util.Objects;

/** What a booking holds on one resource: the session it filed there under {@code attempt}, over {@code blocked}. */
public record Holding(Resource resource, int attempt, Interval blocked) {

    public Holding {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(blocked, "blocked");
    }

    public boolean matches(Resource otherResource, int otherAttempt) {
        return resource.equals(otherResource) && attempt == otherAttempt;
    }
}
