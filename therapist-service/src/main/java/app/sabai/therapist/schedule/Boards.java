package app.sabai.therapist.schedule;

import app.sabai.contracts.values.Technique;
import app.sabai.therapist.branch.Branch;
import app.sabai.therapist.branch.EquipmentUnit;
import app.sabai.therapist.branch.Room;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.PlanningSnapshot;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.staff.Therapist;
import app.sabai.therapist.time.Interval;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Draws a branch's day board from one planning snapshot (holding only what bookings really hold, not what
 * an attempt that gave up left behind) and what is known of each booking on it.
 */
public final class Boards {

    private Boards() {
    }

    /** What the board shows of a booking besides its times. */
    public record BookingFacts(String customerFirstName, Technique technique) {
    }

    public static BoardView build(PlanningSnapshot snapshot, LocalDate date, Map<String, BookingFacts> facts) {
        Branch branch = snapshot.branch();
        ZoneId zone = branch.zone();
        Interval day = new Interval(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
        Optional<Interval> open = branch.openOn(date);

        Map<Room, List<BookedSession>> roomSessions = new LinkedHashMap<>();
        Map<String, String> roomOf = new HashMap<>();
        for (Room room : branch.rooms()) {
            List<BookedSession> held = onDay(snapshot, Resource.room(branch.id(), room.id()), day);
            held.forEach(session -> roomOf.put(session.bookingId(), room.id()));
            roomSessions.put(room, held);
        }
        Map<Therapist, List<BookedSession>> therapistEntries = new LinkedHashMap<>();
        Map<String, String> therapistOf = new HashMap<>();
        for (Therapist therapist : snapshot.therapists()) {
            List<BookedSession> entries = onDay(snapshot, Resource.therapist(therapist.id()), day);
            entries.stream().filter(session -> !session.isAbsence()).forEach(session -> therapistOf.put(session.bookingId(), therapist.id()));
            therapistEntries.put(therapist, entries);
        }

        List<BoardView.TherapistRow> therapistRows = new ArrayList<>();
        therapistEntries.forEach((therapist, entries) -> {
            List<BookedSession> sessions = entries.stream().filter(session -> !session.isAbsence()).toList();
            List<BookedSession> absences = entries.stream().filter(BookedSession::isAbsence).toList();
            Optional<Shift> shift = snapshot.shiftOf(therapist.id(), date).filter(s -> s.branchId().equals(branch.id()));
            boolean sessionHere = sessions.stream().anyMatch(session -> branch.id().equals(session.branchId()));
            boolean absentFromHere = !absences.isEmpty() && therapist.homeBranchId().equals(branch.id());
            if (shift.isEmpty() && !sessionHere && !absentFromHere) {
                return;
            }
            Optional<Interval> working = shift.map(s -> s.in(zone));
            therapistRows.add(new BoardView.TherapistRow(therapist.id(), therapist.name(), therapist.level(),
                    shift.map(s -> new BoardView.ShiftHours(s.branchId(), s.start(), s.end(), s.in(zone).start(), s.in(zone).end()))
                            .orElse(null),
                    views(sessions, facts, therapistOf, roomOf, zone),
                    absences.stream().map(a -> new BoardView.Absence(a.absenceId(), a.absenceReason(), a.start(), a.end())).toList(),
                    gaps(working, entries, zone), utilisation(working, sessions)));
        });
        List<BoardView.RoomRow> roomRows = new ArrayList<>();
        roomSessions.forEach((room, held) -> roomRows.add(new BoardView.RoomRow(room.id(), room.name(), room.kind(),
                views(held, facts, therapistOf, roomOf, zone), gaps(open, held, zone), utilisation(open, held))));
        List<BoardView.EquipmentRow> equipment = new ArrayList<>();
        for (EquipmentUnit unit : branch.equipment()) {
            List<BookedSession> held = onDay(snapshot, Resource.equipment(branch.id(), unit.id()), day);
            equipment.add(new BoardView.EquipmentRow(unit.id(), unit.name(), unit.kind(), views(held, facts, therapistOf, roomOf, zone),
                    gaps(open, held, zone), utilisation(open, held)));
        }

        long booked = therapistRows.stream().flatMap(row -> row.sessions().stream())
                .mapToLong(session -> Duration.between(session.start(), session.end()).toMinutes()).sum();
        long working = therapistRows.stream().filter(row -> row.shift() != null)
                .mapToLong(row -> Duration.between(row.shift().startsAt(), row.shift().endsAt()).toMinutes()).sum();
        int sessionCount = (int) therapistRows.stream().flatMap(row -> row.sessions().stream())
                .filter(session -> branch.id().equals(session.branchId())).count();
        return new BoardView(branch.id(), branch.name(), date, zone,
                branch.hoursOn(date).map(hours -> new BoardView.Hours(hours.opens(), hours.closes())).orElse(null),
                therapistRows, roomRows, equipment, new BoardView.Totals(sessionCount, ratio(booked, working)));
    }

    private static List<BookedSession> onDay(PlanningSnapshot snapshot, Resource resource, Interval day) {
        return snapshot.occupancy().sessions(resource).stream()
                .filter(session -> session.blocked().overlaps(day))
                .sorted(Comparator.comparing(BookedSession::start))
                .toList();
    }

    private static List<BoardView.Session> views(List<BookedSession> sessions, Map<String, BookingFacts> facts,
                                                 Map<String, String> therapistOf, Map<String, String> roomOf, ZoneId zone) {
        return sessions.stream().map(session -> {
            BookingFacts known = facts.get(session.bookingId());
            return new BoardView.Session(session.bookingId(), known == null ? null : known.customerFirstName(),
                    known == null ? null : known.technique(), session.branchId(), session.sessionStart(), session.sessionEnd(),
                    local(session.sessionStart(), zone), local(session.sessionEnd(), zone), session.start(), session.end(),
                    therapistOf.get(session.bookingId()), roomOf.get(session.bookingId()));
        }).toList();
    }

    /** The stretches of {@code within} that nothing blocks. */
    static List<BoardView.Gap> gaps(Optional<Interval> within, List<BookedSession> blocking, ZoneId zone) {
        if (within.isEmpty()) {
            return List.of();
        }
        List<BoardView.Gap> gaps = new ArrayList<>();
        Instant cursor = within.get().start();
        for (BookedSession session : blocking.stream().sorted(Comparator.comparing(BookedSession::start)).toList()) {
            if (session.start().isAfter(cursor) && cursor.isBefore(within.get().end())) {
                Instant end = session.start().isBefore(within.get().end()) ? session.start() : within.get().end();
                gaps.add(gap(new Interval(cursor, end), zone));
            }
            if (session.end().isAfter(cursor)) {
                cursor = session.end();
            }
        }
        if (cursor.isBefore(within.get().end())) {
            gaps.add(gap(new Interval(cursor, within.get().end()), zone));
        }
        return gaps;
    }

    /** The share of {@code within} taken by treatments (changeover and travel are not the work itself). */
    static double utilisation(Optional<Interval> within, List<BookedSession> sessions) {
        if (within.isEmpty()) {
            return 0;
        }
        long booked = sessions.stream().filter(session -> !session.isAbsence())
                .map(session -> overlap(session.session(), within.get()))
                .mapToLong(Duration::toMinutes).sum();
        return ratio(booked, within.get().length().toMinutes());
    }

    private static Duration overlap(Interval a, Interval b) {
        Instant start = a.start().isAfter(b.start()) ? a.start() : b.start();
        Instant end = a.end().isBefore(b.end()) ? a.end() : b.end();
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }

    private static double ratio(long part, long whole) {
        return whole <= 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static BoardView.Gap gap(Interval interval, ZoneId zone) {
        return new BoardView.Gap(interval.start(), interval.end(), local(interval.start(), zone), local(interval.end(), zone),
                interval.length().toMinutes());
    }

    private static LocalTime local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalTime();
    }
}
