package app.sabai.therapist.roster.adapter;

import app.sabai.contracts.SabaiEvent;
import app.sabai.contracts.assignments.TherapistRosterChanged;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.therapist.roster.DayChange;
import app.sabai.therapist.roster.Roster;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.roster.WeeklyShift;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The rosters, one document per therapist ({@code _id} = therapistId) in {@code rosters}: the weekly pattern
 * and the one-off changes, written whole and guarded by the version read, with the events a change causes
 * (outbox). Shifts are derived from them.
 * <p>
 * Every decision reads the rosters of the branch's therapists, and rosters rarely change, so {@link #byIds} keeps the
 * rosters it read in memory. A change written here replaces the copy at once; one written by another instance arrives
 * as its {@code TherapistRosterChanged} ({@link #heard}), which forgets a copy that differs from it. A roster that does
 * not exist is not remembered: it is created without an event (the demo data, or just before a first change). The
 * cache only spares a read: the guarded reservations of a decision stay the last word on who is booked.
 */
@Component
public class Rosters {

    public static final String COLLECTION = "rosters";
    /** One-off changes older than this many days are dropped when a roster is written. */
    static final int CHANGES_KEPT_DAYS = 60;
    private static final int ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Map<String, Roster> cached = new ConcurrentHashMap<>();
    /** Counts the changes announced, so a read that raced one is not kept. Guarded by {@code this}. */
    private long changes;

    Rosters(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /** The roster as stored now (never from memory: a change is guarded by the version read here). */
    public Optional<Roster> find(String therapistId) {
        return Optional.ofNullable(mongo.findById(therapistId, Roster.class, COLLECTION));
    }

    public Roster of(String therapistId) {
        return find(therapistId).orElseGet(() -> Roster.empty(therapistId));
    }

    /** The shifts by id ({@code therapistId:date}), derived from the rosters of the therapists named, read in one query. */
    public Map<String, Shift> byIds(Collection<String> shiftIds) {
        if (shiftIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<LocalDate>> datesByTherapist = shiftIds.stream().collect(Collectors.groupingBy(
                id -> id.substring(0, id.lastIndexOf(':')), Collectors.mapping(id -> LocalDate.parse(id.substring(id.lastIndexOf(':') + 1)),
                        Collectors.toList())));
        Map<String, Shift> shifts = new HashMap<>();
        rosters(datesByTherapist.keySet()).forEach(roster ->
                datesByTherapist.get(roster.therapistId()).forEach(date -> roster.shiftOn(date).ifPresent(shift -> shifts.put(shift.id(), shift))));
        return shifts;
    }

    /** The rosters of these therapists that exist, from memory where known, the rest in one query. */
    private List<Roster> rosters(Set<String> therapistIds) {
        List<Roster> found = new ArrayList<>();
        Set<String> missing = new HashSet<>();
        for (String therapistId : therapistIds) {
            Roster known = cached.get(therapistId);
            if (known != null) {
                found.add(known);
            } else {
                missing.add(therapistId);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        long seen;
        synchronized (this) {
            seen = changes;
        }
        List<Roster> read = mongo.find(new Query(Criteria.where("_id").in(missing)), Roster.class, COLLECTION);
        synchronized (this) {
            if (changes == seen) {
                read.forEach(roster -> cached.putIfAbsent(roster.therapistId(), roster));
            }
        }
        found.addAll(read);
        return found;
    }

    /**
     * A roster change as published (by this instance or another): unless the copy held here already has what it
     * says, the next read takes the roster from the store again.
     */
    public synchronized void heard(TherapistRosterChanged published) {
        Roster known = cached.get(published.therapistId());
        // Not held: a read in flight may have read the roster before this change, so it is not kept either.
        if (known == null || !says(known, published)) {
            changes++;
            cached.remove(published.therapistId());
        }
    }

    /**
     * Whether the event describes this roster. The event leaves out the one-off changes before the day it was written in
     * the branch's zone, which is no earlier than the day before its UTC date: changes older than that are not compared.
     */
    static boolean says(Roster roster, TherapistRosterChanged published) {
        List<TherapistRosterChanged.Weekly> weekly = roster.weekly().stream()
                .map(shift -> new TherapistRosterChanged.Weekly(shift.day(), shift.branchId(), shift.start(), shift.end())).toList();
        LocalDate comparedFrom = LocalDate.ofInstant(published.occurredAt(), ZoneOffset.UTC).minusDays(1);
        Set<TherapistRosterChanged.Change> held = new HashSet<>();
        roster.changes().forEach(day -> held.add(new TherapistRosterChanged.Change(day.date(), day.branchId(), day.start(), day.end())));
        Set<TherapistRosterChanged.Change> told = new HashSet<>(published.changes());
        return weekly.equals(published.weekly()) && held.containsAll(told)
                && held.stream().filter(change -> !change.date().isBefore(comparedFrom)).allMatch(told::contains);
    }

    /** Changes may have been missed (this instance was not yet following them): every roster is read again. */
    /** Whether the therapist's roster is kept in memory (a read that raced a change was not kept). */
    boolean holds(String therapistId) {
        return cached.containsKey(therapistId);
    }

    public synchronized void forgetAll() {
        changes++;
        cached.clear();
    }

    private synchronized void forget(String therapistId) {
        changes++;
        cached.remove(therapistId);
    }

    /** The roster as just written here: kept unless a later version of it is known already. */
    private synchronized void written(Roster roster) {
        changes++;
        cached.merge(roster.therapistId(), roster, (known, written) -> known.version() >= written.version() ? known : written);
    }

    /** Records the shift as a one-off change of its date. */
    public void save(Shift shift) {
        change(shift.therapistId(), roster -> roster.withChange(new DayChange(shift.date(), shift.branchId(), shift.start(), shift.end(), null),
                shift.date().minusDays(CHANGES_KEPT_DAYS)));
    }

    /** Sets the weekly pattern unless the therapist has a roster already (the demo chain at every start). */
    public boolean createIfAbsent(String therapistId, List<WeeklyShift> weekly) {
        try {
            mongo.insert(new Roster(therapistId, weekly, List.of(), 0), COLLECTION);
            forget(therapistId);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** Applies the change to the therapist's roster, guarded by the version read; returns the roster written. */
    public Roster change(String therapistId, UnaryOperator<Roster> change) {
        return change(therapistId, change, (replaced, written) -> List.of());
    }

    /**
     * As above, with the events the change causes, in the same write (outbox): made from the roster it replaced and the
     * roster as written, both of the attempt that lands.
     */
    public Roster change(String therapistId, UnaryOperator<Roster> change,
                         BiFunction<Roster, Roster, List<? extends SabaiEvent>> events) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Roster> current = find(therapistId);
            if (current.isEmpty()) {
                createIfAbsent(therapistId, List.of());
                continue;
            }
            Roster changed = change.apply(current.get());
            Roster written = new Roster(therapistId, changed.weekly(), changed.changes(), current.get().version() + 1);
            List<? extends SabaiEvent> caused = events.apply(current.get(), written);
            Update update = new Update().set("weekly", changed.weekly()).set("changes", changed.changes()).inc("version", 1);
            List<OutboxEntry> entries = outbox.append(update, caused);
            if (mongo.updateFirst(new Query(Criteria.where("_id").is(therapistId).and("version").is(current.get().version())), update,
                    COLLECTION).getModifiedCount() == 1) {
                written(written);
                if (!caused.isEmpty()) {
                    outbox.written(COLLECTION, therapistId, entries);
                }
                return written;
            }
        }
        throw new OptimisticLockingFailureException("The roster of " + therapistId + " kept changing; try again");
    }

    @Configuration(proxyBeanMethods = false)
    static class Publication {

        @Bean
        OutboxSource rostersOutbox() {
            return new OutboxSource(COLLECTION);
        }
    }
}
