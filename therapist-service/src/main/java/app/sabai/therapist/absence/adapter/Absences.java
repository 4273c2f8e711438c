package app.sabai.therapist.absence.adapter;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.therapist.absence.Absence;
import app.sabai.therapist.absence.AbsenceStatus;
import app.sabai.therapist.assignment.ReplanOutcome;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A therapist's absences: one {@code absences} document per therapist ({@code _id} = therapistId) holding
 * every absence of theirs and the outbox of its events, so recording, finishing and withdrawing an absence
 * are each one single-document write (guarded by the document's version), and listing them reads one document.
 */
@Component
public class Absences {

    public static final String COLLECTION = "absences";
    static final String LIST = "absences";
    static final String VERSION = "version";
    static final int ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final Outbox outbox;

    Absences(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    public List<Absence> of(String therapistId) {
        TherapistAbsences found = mongo.findById(therapistId, TherapistAbsences.class, COLLECTION);
        return found == null ? List.of() : found.absences().stream().sorted(Comparator.comparing(Absence::from)).toList();
    }

    public Optional<Absence> find(String therapistId, String absenceId) {
        return of(therapistId).stream().filter(absence -> absence.absenceId().equals(absenceId)).findFirst();
    }

    /** Adds the absence in {@code RECORDING} unless the therapist already has one by that id; false when they had. */
    boolean begin(Absence absence) {
        return change(absence.therapistId(), List.of(), absences -> absences.stream().anyMatch(same(absence.absenceId()))
                ? Optional.empty()
                : Optional.of(Stream.concat(absences.stream(), Stream.of(absence)).toList()));
    }

    /** Records again an absence that was withdrawn: it starts over in {@code RECORDING}. */
    boolean reopen(Absence absence) {
        return replace(absence.therapistId(), absence.absenceId(), AbsenceStatus.WITHDRAWN, List.of(), found -> absence);
    }

    /** Remembers which bookings the re-plan is about, before it moves any, so a resumed re-plan reports them all. */
    void affecting(String therapistId, String absenceId, List<String> bookingIds) {
        replace(therapistId, absenceId, AbsenceStatus.RECORDING, List.of(), found -> with(found, found.status(),
                Stream.concat(found.affectedBookingIds().stream(), bookingIds.stream()).distinct().toList(), found.outcomes(),
                found.order(), found.withdrawnAt()));
    }

    /** Finishes the re-plan with its outcomes and event; false when it was finished already. */
    boolean recorded(String therapistId, String absenceId, List<ReplanOutcome> outcomes, String order, AssignmentEvent event) {
        return replace(therapistId, absenceId, AbsenceStatus.RECORDING, List.of(event), found -> with(found, AbsenceStatus.RECORDED,
                found.affectedBookingIds(), outcomes, order, found.withdrawnAt()));
    }

    boolean withdrawn(String therapistId, String absenceId, Instant at, AssignmentEvent event) {
        Optional<Absence> current = find(therapistId, absenceId);
        if (current.isEmpty() || current.get().status() == AbsenceStatus.WITHDRAWN) {
            return false;
        }
        return replace(therapistId, absenceId, current.get().status(), List.of(event), found -> with(found, AbsenceStatus.WITHDRAWN,
                found.affectedBookingIds(), found.outcomes(), found.order(), at));
    }

    private boolean replace(String therapistId, String absenceId, AbsenceStatus expected, List<AssignmentEvent> events,
                            UnaryOperator<Absence> replacement) {
        return change(therapistId, events, absences -> absences.stream().anyMatch(same(absenceId).and(found -> found.status() == expected))
                ? Optional.of(absences.stream().map(found -> found.absenceId().equals(absenceId) ? replacement.apply(found) : found).toList())
                : Optional.empty());
    }

    /**
     * Read, change, and write back the therapist's absences with the events the change causes, guarded by the
     * version read; a write that lost a race is decided again on fresh state. False when nothing was to change.
     */
    private boolean change(String therapistId, List<AssignmentEvent> events, Function<List<Absence>, Optional<List<Absence>>> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            TherapistAbsences current = mongo.findById(therapistId, TherapistAbsences.class, COLLECTION);
            if (current == null) {
                try {
                    mongo.insert(new Document("_id", therapistId).append(LIST, List.of()).append(VERSION, 0L), COLLECTION);
                } catch (DuplicateKeyException createdConcurrently) {
                    // exists now
                }
                continue;
            }
            Optional<List<Absence>> changed = change.apply(current.absences());
            if (changed.isEmpty()) {
                return false;
            }
            Update update = new Update().set(LIST, changed.get()).inc(VERSION, 1);
            List<OutboxEntry> entries = outbox.append(update, events);
            if (mongo.updateFirst(new Query(Criteria.where("_id").is(therapistId).and(VERSION).is(current.version())), update, COLLECTION)
                    .getModifiedCount() == 1) {
                if (!events.isEmpty()) {
                    outbox.written(COLLECTION, therapistId, entries);
                }
                return true;
            }
        }
        throw new OptimisticLockingFailureException("The absences of " + therapistId + " kept changing; try again");
    }

    private static Predicate<Absence> same(String absenceId) {
        return absence -> absence.absenceId().equals(absenceId);
    }

    private static Absence with(Absence absence, AbsenceStatus status, List<String> affected, List<ReplanOutcome> outcomes, String order,
                                Instant withdrawnAt) {
        return new Absence(absence.absenceId(), absence.therapistId(), absence.branchId(), absence.from(), absence.to(), absence.reason(),
                absence.note(), status, affected, outcomes, order, absence.recordedAt(), withdrawnAt);
    }

    /** Absences whose re-plan was interrupted. The collection holds one document per therapist, so this read stays small. */
    List<Absence> interrupted() {
        return mongo.find(new Query(Criteria.where(LIST + ".status").is(AbsenceStatus.RECORDING)), TherapistAbsences.class, COLLECTION)
                .stream().flatMap(found -> found.absences().stream())
                .filter(absence -> absence.status() == AbsenceStatus.RECORDING)
                .toList();
    }

    private static Query entry(String therapistId, String absenceId, AbsenceStatus status) {
        return new Query(Criteria.where("_id").is(therapistId)
                .and(LIST).elemMatch(Criteria.where("absenceId").is(absenceId).and("status").is(status)));
    }

    record TherapistAbsences(String id, List<Absence> absences, long version) {

        TherapistAbsences {
            absences = absences == null ? List.of() : List.copyOf(absences);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Publication {

        @Bean
        OutboxSource absencesOutbox() {
            return new OutboxSource(COLLECTION);
        }
    }
}
