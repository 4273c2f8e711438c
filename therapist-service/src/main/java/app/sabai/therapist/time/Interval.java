package app.sabai.therapist.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [start, end)}: two intervals that only touch do not overlap. */
public record Interval(Instant start, Instant end) {

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("An interval must end after it starts: " + start + " – " + end);
        }
    }

    public static Interval of(Instant start, Duration length) {
        return new Interval(start, start.plus(length));
    }

    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(Interval other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** Widened by {@code before} at the start and {@code after} at the end, e.g. for changeover or travel. */
    public Interval widen(Duration before, Duration after) {
        return new Interval(start.minus(before), end.plus(after));
    }

    /** The shortest interval that contains both. */
    public Interval spanning(Interval other) {
        return new Interval(start.isBefore(other.start) ? start : other.start, end.isAfter(other.end) ? end : other.end);
    }

    public Interval shiftTo(Instant newStart) {
        return new Interval(newStart, newStart.plus(length()));
    }
}
