package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.assignment.adapter.Assignments;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.ResourceKind;
import app.sabai.therapist.roster.Shift;
import app.sabai.therapist.roster.adapter.Rosters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Once per database: moves day documents kept under the branch's local date ({@code <resource>:<date>}) to
 * the UTC-dated ones ({@code <resource>@<date>}) that reservations use now, records on assigned bookings
 * what they hold, and turns shifts stored per date into one-off changes of the therapists' rosters. Every step can run again after a crash; a marker in {@code migrations} says it is done,
 * so later starts read nothing. It runs before the listeners start, so no decision reads the old documents.
 */
@Component
class DayDocumentMigration implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DayDocumentMigration.class);
    static final String MARKER = "utc-day-documents-and-rosters";

    private final MongoTemplate mongo;
    private final Rosters rosters;
    private final DayViews views;

    DayDocumentMigration(MongoTemplate mongo, Rosters rosters, DayViews views) {
        this.mongo = mongo;
        this.rosters = rosters;
        this.views = views;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (mongo.findById(MARKER, Document.class, "migrations") != null) {
            return;
        }
        int moved = 0;
        for (ResourceKind kind : ResourceKind.values()) {
            String collection = Reservations.collection(kind);
            for (Document day : mongo.findAll(Document.class, collection)) {
                if (day.getString("_id").contains("@")) {
                    continue;
                }
                Resource resource = resourceOf(kind, day.getString("_id"));
                for (Document session : day.getList(Reservations.SESSIONS, Document.class, List.of())) {
                    refile(resource, session);
                    moved++;
                }
                mongo.remove(new Query(Criteria.where("_id").is(day.getString("_id"))), collection);
            }
        }
        if (moved > 0) {
            views.forgetAll();
        }
        int recorded = recordHoldings();
        int shifts = rosterShifts();
        try {
            mongo.insert(new Document("_id", MARKER).append("at", new Date()), "migrations");
        } catch (DuplicateKeyException doneConcurrently) {
            // another instance finished it too
        }
        if (moved > 0 || recorded > 0 || shifts > 0) {
            log.info("Moved {} session(s) to UTC day documents, recorded the holdings of {} assigned booking(s), "
                    + "and kept {} dated shift(s) as roster changes", moved, recorded, shifts);
        }
    }

    private void refile(Resource resource, Document stored) {
        BookedSession session = new BookedSession(stored.getString("bookingId"), stored.getInteger("attempt", 0),
                stored.getString("branchId"), stored.getDate("start").toInstant(), stored.getDate("end").toInstant(),
                stored.getDate("sessionStart") == null ? null : stored.getDate("sessionStart").toInstant(),
                stored.getDate("sessionEnd") == null ? null : stored.getDate("sessionEnd").toInstant(), null, null);
        String collection = Reservations.collection(resource.kind());
        for (String dayId : Reservations.dayIds(resource, session.blocked())) {
            mongo.upsert(new Query(Criteria.where("_id").is(dayId)), new Update().setOnInsert(Reservations.SESSIONS, List.of()), collection);
            mongo.updateFirst(new Query(Criteria.where("_id").is(dayId).and(Reservations.SESSIONS).not().elemMatch(
                            Criteria.where("bookingId").is(session.bookingId()).and("attempt").is(session.attempt()))),
                    new Update().push(Reservations.SESSIONS, Reservations.document(session)), collection);
        }
    }

    /** Shifts stored one per therapist and date before rosters existed become one-off changes of their rosters. */
    private int rosterShifts() {
        int kept = 0;
        for (Document stored : mongo.findAll(Document.class, "shifts")) {
            rosters.save(Shift.of(stored.getString("therapistId"), stored.getString("branchId"), LocalDate.parse(stored.getString("date")),
                    LocalTime.parse(stored.getString("start")), LocalTime.parse(stored.getString("end"))));
            mongo.remove(new Query(Criteria.where("_id").is(stored.get("_id"))), "shifts");
            kept++;
        }
        return kept;
    }

    /** Bookings assigned before holdings were recorded hold what their deciding attempt reserved. */
    private int recordHoldings() {
        int recorded = 0;
        Query old = new Query(Criteria.where("status").is("ASSIGNED").and("reservation.holdings").exists(false));
        for (Document assignment : mongo.find(old, Document.class, Assignments.COLLECTION)) {
            Document reservation = assignment.get("reservation", Document.class);
            if (reservation == null) {
                continue;
            }
            String branchId = assignment.getString("branchId");
            int attempt = assignment.getInteger("attempt", 0);
            List<Document> holdings = new ArrayList<>();
            holdings.add(held(ResourceKind.THERAPIST, reservation.getString("therapistId"), attempt, reservation));
            if (reservation.getString("roomId") != null) {
                holdings.add(held(ResourceKind.ROOM, branchId + "/" + reservation.getString("roomId"), attempt, reservation));
            }
            for (String unitId : reservation.getList("equipmentIds", String.class, List.of())) {
                holdings.add(held(ResourceKind.EQUIPMENT, branchId + "/" + unitId, attempt, reservation));
            }
            mongo.updateFirst(new Query(Criteria.where("_id").is(assignment.get("_id")).and("reservation.holdings").exists(false)),
                    new Update().set("reservation.holdings", holdings), Assignments.COLLECTION);
            recorded++;
        }
        return recorded;
    }

    private static Document held(ResourceKind kind, String resourceId, int attempt, Document reservation) {
        return new Document("kind", kind.name()).append("resourceId", resourceId).append("attempt", attempt)
                .append("start", reservation.getDate("blockedStart")).append("end", reservation.getDate("blockedEnd"));
    }

    /** {@code therapist:date}, {@code branch:room:date} and {@code branch:unit:date} as they were named. */
    private static Resource resourceOf(ResourceKind kind, String oldId) {
        String withoutDate = oldId.substring(0, oldId.lastIndexOf(':'));
        return switch (kind) {
            case THERAPIST -> Resource.therapist(withoutDate);
            case ROOM, EQUIPMENT -> {
                int split = withoutDate.indexOf(':');
                yield kind == ResourceKind.ROOM ? Resource.room(withoutDate.substring(0, split), withoutDate.substring(split + 1))
                        : Resource.equipment(withoutDate.substring(0, split), withoutDate.substring(split + 1));
            }
        };
    }
}
