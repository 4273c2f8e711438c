package app.sabai.therapist.absence.adapter;

import app.sabai.contracts.assignments.AssignmentEvent;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.therapist.absence.Absence;
import app.sabai.therapist.absence.AbsenceStatus;
import app.sabai.therapist.assignment.ReplanOutcome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A therapist's absences: one {@code absences} document per therapist ({@code _id} = therapistId) holding
 * every absence of theirs and the outbox of its events, so recording, finishing and withdrawing an absence
 * are each one single-document write, and listing them reads one document.
 */
@Component
public class Absences {

    public static final String COLLECTION = "absences";
    static final String LIST = "absences";

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
        try {
            mongo.upsert(new Query(Criteria.where("_id").is(absence.therapistId())), new Update().setOnInsert(LIST, List.of()), COLLECTION);
        } catch (DuplicateKeyException createdConcurrently) {
            // exists now, which is all this step needs
        }
        return mongo.updateFirst(new Query(Criteria.where("_id").is(absence.therapistId()).and(LIST + ".absenceId").ne(absence.absenceId())),
                new Update().push(LIST, absence), COLLECTION).getModifiedCount() == 1;
    }

    /** Records again an absence that was withdrawn: it starts over in {@code RECORDING}. */
    boolean reopen(Absence absence) {
        return mongo.updateFirst(entry(absence.therapistId(), absence.absenceId(), AbsenceStatus.WITHDRAWN),
                new Update().set(LIST + ".$", absence), COLLECTION).getModifiedCount() == 1;
    }

    /** Remembers which bookings the re-plan is about, before it moves any, so a resumed re-plan reports them all. */
    void affecting(String therapistId, String absenceId, List<String> bookingIds) {
        mongo.updateFirst(entry(therapistId, absenceId, AbsenceStatus.RECORDING),
                new Update().addToSet(LIST + ".$.affectedBookingIds").each(bookingIds.toArray()), COLLECTION);
    }

    /** Finishes the re-plan with its outcomes and event; false when it was finished already. */
    boolean recorded(String therapistId, String absenceId, List<ReplanOutcome> outcomes, String order, AssignmentEvent event) {
        Update update = new Update()
                .set(LIST + ".$.status", AbsenceStatus.RECORDED)
                .set(LIST + ".$.outcomes", outcomes)
                .set(LIST + ".$.order", order);
        outbox.append(update, List.of(event));
        boolean written = mongo.updateFirst(entry(therapistId, absenceId, AbsenceStatus.RECORDING), update, COLLECTION)
                .getModifiedCount() == 1;
        if (written) {
            outbox.written(COLLECTION, therapistId);
        }
        return written;
    }

    boolean withdrawn(String therapistId, String absenceId, Instant at, AssignmentEvent event) {
        Update update = new Update().set(LIST + ".$.status", AbsenceStatus.WITHDRAWN).set(LIST + ".$.withdrawnAt", at);
        outbox.append(update, List.of(event));
        Query notWithdrawn = new Query(Criteria.where("_id").is(therapistId)
                .and(LIST).elemMatch(Criteria.where("absenceId").is(absenceId).and("status").ne(AbsenceStatus.WITHDRAWN)));
        boolean written = mongo.updateFirst(notWithdrawn, update, COLLECTION).getModifiedCount() == 1;
        if (written) {
            outbox.written(COLLECTION, therapistId);
        }
        return written;
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

    record TherapistAbsences(String id, List<Absence> absences) {

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
