package app.sabai.therapist.roster;

import app.sabai.therapist.time.Interval;
import app.sabai.therapist.time.LocalTimes;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One therapist's working hours on one local date, at one branch. There is at most one per therapist and
 * date, so its id is {@code therapistId:yyyy-MM-dd}.
 */
public record Shift(String id, String therapistId, String branchId, LocalDate date, LocalTime start, LocalTime end) {

    public Shift {
        Objects.requireNonNull(therapistId, "therapistId");
        Objects.requireNonNull(date, "date");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("A shift must end after it starts");
        }
        id = idOf(therapistId, date);
    }

    public static Shift of(String therapistId, String branchId, LocalDate date, LocalTime start, LocalTime end) {
        return new Shift(null, therapistId, branchId, date, start, end);
    }

    public static String idOf(String therapistId, LocalDate date) {
        return therapistId + ":" + date;
    }

    public Interval in(ZoneId zone) {
        return new Interval(LocalTimes.boundary(date, start, zone), LocalTimes.boundary(date, end, zone));
    }

    public boolean covers(Interval session, ZoneId zone) {
        return in(zone).contains(session);
    }
}
