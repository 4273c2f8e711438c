package app.sabai.therapist.roster.adapter;

import app.sabai.contracts.SabaiEvent;
import app.sabai.support.outbox.Outbox;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The rosters, one document per therapist ({@code _id} = therapistId) in {@code rosters}: the weekly pattern
 * and the one-off changes, written whole and guarded by the version read, with the events a change causes
 * (outbox). Shifts are derived from them.
 */
@Component
public class Rosters {

    public static final String COLLECTION = "rosters";
    /** One-off changes older than this many days are dropped when a roster is written. */
    static final int CHANGES_KEPT_DAYS = 60;
    private static final int ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final Outbox outbox;

    Rosters(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

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
        mongo.find(new Query(Criteria.where("_id").in(datesByTherapist.keySet())), Roster.class, COLLECTION).forEach(roster ->
                datesByTherapist.get(roster.therapistId()).forEach(date -> roster.shiftOn(date).ifPresent(shift -> shifts.put(shift.id(), shift))));
        return shifts;
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
            outbox.append(update, caused);
            if (mongo.updateFirst(new Query(Criteria.where("_id").is(therapistId).and("version").is(current.get().version())), update,
                    COLLECTION).getModifiedCount() == 1) {
                if (!caused.isEmpty()) {
                    outbox.written(COLLECTION, therapistId);
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
