package app.sabai.therapist.schedule.adapter;

import app.sabai.support.mongo.BulkWrites;
import app.sabai.therapist.planning.BookedSession;
import app.sabai.therapist.planning.Occupancy;
import app.sabai.therapist.planning.Resource;
import app.sabai.therapist.planning.ResourceKind;
import app.sabai.therapist.time.Interval;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Guarded reservations (ARCHITECTURE §10). What holds a therapist, room or equipment unit is filed in day
 * documents, one per resource and UTC date ({@code <resource>@<yyyy-MM-dd>}), one collection per kind of
 * resource. A session is filed in every day document its blocked interval touches, so a session that runs
 * past midnight, or a therapist who covers branches in different zones, is compared with everything it
 * could overlap. Each filing is one conditional single-document update that lands only if nothing of another
 * booking (or an absence) stored there overlaps it, so two concurrent writers can never both land overlapping
 * sessions of different bookings, in whatever process they run; a reservation that fails on a later day takes back what it filed on the earlier ones.
 * <p>
 * {@link #occupancy} reads the store (and refreshes the {@link DayViews} with what it read); {@link #fromView} answers
 * from the copies held where it can, for availability, the board and a first plan. Every write here edits the copies
 * as it edited the store, or forgets them when the store turned out to differ.
 */
@Component
public class Reservations {

    static final String SESSIONS = "sessions";

    private final MongoTemplate mongo;
    private final DayViews views;

    Reservations(MongoTemplate mongo, DayViews views) {
        this.mongo = mongo;
        this.views = views;
    }

    static String collection(ResourceKind kind) {
        return switch (kind) {
            case THERAPIST -> "therapist_days";
            case ROOM -> "room_days";
            case EQUIPMENT -> "equipment_days";
        };
    }

    /** The day documents a span touches on the resource, earliest first. */
    public static List<String> dayIds(Resource resource, Interval span) {
        LocalDate first = LocalDate.ofInstant(span.start(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(span.end().minusNanos(1), ZoneOffset.UTC);
        return first.datesUntil(last.plusDays(1)).map(date -> resource.id() + "@" + date).toList();
    }

    /** True when the session was filed; false when something overlapping it is already there. */
    public boolean reserve(Resource resource, BookedSession session) {
        String collection = collection(resource.kind());
        List<String> filed = new ArrayList<>();
        for (String dayId : dayIds(resource, session.blocked())) {
            if (!push(collection, free(dayId, session), document(session))) {
                views.forget(collection, List.of(dayId));
                pull(collection, filed, attemptOf(session.bookingId(), session.attempt()));
                return false;
            }
            views.edited(collection, List.of(dayId), DayViews.adding(session));
            filed.add(dayId);
        }
        return true;
    }

    /** A session to file on a resource. */
    public record Filing(Resource resource, BookedSession session) {
    }

    /**
     * Files each session as {@link #reserve} does, all of them in one request per kind of resource (each of its day
     * documents one guarded upsert, which the store answers one by one: created, changed, or refused on {@code _id}).
     * Answers, in their order, whether each filing landed; one that did not land left nothing behind, and the copies in
     * memory show what landed. Two filings of different bookings that overlap on a resource meet the same guard as any
     * other overlap: one of them lands.
     */
    public List<Boolean> reserveAll(List<Filing> filings) {
        if (filings.size() == 1) {
            Filing alone = filings.getFirst();
            return List.of(reserve(alone.resource(), alone.session()));
        }
        Map<ResourceKind, List<Push>> byKind = new EnumMap<>(ResourceKind.class);
        for (int index = 0; index < filings.size(); index++) {
            Filing filing = filings.get(index);
            for (String dayId : dayIds(filing.resource(), filing.session().blocked())) {
                byKind.computeIfAbsent(filing.resource().kind(), kind -> new ArrayList<>()).add(new Push(index, dayId, filing.session()));
            }
        }
        boolean[] refused = new boolean[filings.size()];
        Map<ResourceKind, List<Push>> landed = new EnumMap<>(ResourceKind.class);
        byKind.forEach((kind, pushes) -> {
            List<Boolean> outcomes = pushAll(collection(kind), pushes);
            for (int i = 0; i < pushes.size(); i++) {
                Push push = pushes.get(i);
                if (outcomes.get(i)) {
                    landed.computeIfAbsent(kind, k -> new ArrayList<>()).add(push);
                } else {
                    refused[push.filing()] = true;
                    views.forget(collection(kind), List.of(push.dayId()));
                }
            }
        });
        landed.forEach((kind, pushes) -> {
            String collection = collection(kind);
            Map<Integer, List<String>> takenBack = new HashMap<>();
            for (Push push : pushes) {
                if (refused[push.filing()]) {
                    takenBack.computeIfAbsent(push.filing(), index -> new ArrayList<>()).add(push.dayId());
                } else {
                    views.edited(collection, List.of(push.dayId()), DayViews.adding(push.session()));
                }
            }
            takenBack.forEach((index, dayIds) -> {
                BookedSession session = filings.get(index).session();
                pull(collection, dayIds, attemptOf(session.bookingId(), session.attempt()));
            });
        });
        List<Boolean> outcomes = new ArrayList<>(filings.size());
        for (boolean no : refused) {
            outcomes.add(!no);
        }
        return outcomes;
    }

    /** One day document's part of a filing: the filing's place in its list, the document, the session. */
    private record Push(int filing, String dayId, BookedSession session) {
    }

    /**
     * Each push in one unordered bulk of guarded upserts; whether each landed. A push refused on {@code _id} found its
     * document there and either overlapping it or created after the guard's look, so it is tried again alone, as
     * {@link #push} does. Should the store's counts not account for every push, the documents are read to see which did.
     */
    private List<Boolean> pushAll(String collection, List<Push> pushes) {
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        pushes.forEach(push -> bulk.upsert(free(push.dayId(), push.session()), new Update().push(SESSIONS, document(push.session()))));
        BulkWrites.Answer answer = BulkWrites.execute(bulk);
        if (!answer.accountsFor(pushes.size())) {
            return filed(collection, pushes);
        }
        List<Boolean> landed = new ArrayList<>(pushes.size());
        for (int index = 0; index < pushes.size(); index++) {
            Push push = pushes.get(index);
            landed.add(!answer.refusedOnId().contains(index)
                    || mongo.updateFirst(free(push.dayId(), push.session()), new Update().push(SESSIONS, document(push.session())), collection)
                    .getModifiedCount() == 1);
        }
        return landed;
    }

    /** Whether each push's session is in its day document now. */
    private List<Boolean> filed(String collection, List<Push> pushes) {
        Map<String, Set<String>> keysByDay = new HashMap<>();
        Query days = new Query(Criteria.where("_id").in(pushes.stream().map(Push::dayId).distinct().toList()));
        for (Document stored : mongo.find(days, Document.class, collection)) {
            DaySheet day = DaySheet.of(stored);
            keysByDay.put(day.id(), day.sessions().stream().map(BookedSession::key).collect(Collectors.toSet()));
        }
        return pushes.stream().map(push -> keysByDay.getOrDefault(push.dayId(), Set.of()).contains(push.session().key())).toList();
    }

    /**
     * The day document while nothing in it overlaps the session. What the same booking holds (its current session while it
     * moves to a nearby time) is not in its way; absences (no booking) and every other booking are.
     */
    private static Query free(String dayId, BookedSession session) {
        return new Query(Criteria.where("_id").is(dayId).and(SESSIONS).not()
                .elemMatch(Criteria.where("start").lt(session.end()).and("end").gt(session.start()).and("bookingId").ne(session.bookingId())));
    }

    /** Releases what exactly this attempt of the booking holds on the resource over the span. */
    public void release(Resource resource, Interval span, String bookingId, int attempt) {
        pull(collection(resource.kind()), dayIds(resource, span), attemptOf(bookingId, attempt));
    }

    /** Releases what earlier attempts of the booking left on these resources (a crash, a lost race), never a later one's. */
    public void releaseEarlierAttempts(Collection<Resource> resources, Interval span, String bookingId, int attempt) {
        Map<ResourceKind, List<String>> byKind = new HashMap<>();
        resources.forEach(resource -> byKind.computeIfAbsent(resource.kind(), kind -> new ArrayList<>()).addAll(dayIds(resource, span)));
        byKind.forEach((kind, dayIds) -> pull(collection(kind), dayIds,
                new Document("bookingId", bookingId).append("attempt", new Document("$lt", attempt))));
    }

    /**
     * Files an absence on the therapist whatever is already there: from now on no reservation overlapping it
     * can land. Filing the same absence again changes nothing.
     */
    public void block(Resource therapist, BookedSession absence) {
        String collection = collection(therapist.kind());
        for (String dayId : dayIds(therapist, absence.blocked())) {
            ensureExists(collection, dayId);
            mongo.updateFirst(new Query(Criteria.where("_id").is(dayId).and(SESSIONS + ".absenceId").ne(absence.absenceId())),
                    new Update().push(SESSIONS, document(absence)), collection);
            views.forget(collection, List.of(dayId));
        }
    }

    public void unblock(Resource therapist, Interval span, String absenceId) {
        pull(collection(therapist.kind()), dayIds(therapist, span), new Document("absenceId", absenceId));
    }

    /** Everything that holds the resources at any time of the window, each entry once, as stored now. */
    public Occupancy occupancy(Collection<Resource> resources, Interval window) {
        return occupancy(resources, window, false);
    }

    /** As {@link #occupancy}, from the copies held in memory where there are any: a view that may lag the store a little. */
    public Occupancy fromView(Collection<Resource> resources, Interval window) {
        return occupancy(resources, window, true);
    }

    private Occupancy occupancy(Collection<Resource> resources, Interval window, boolean fromView) {
        Map<ResourceKind, Map<String, Resource>> byDayId = new HashMap<>();
        for (Resource resource : resources) {
            for (String dayId : dayIds(resource, window)) {
                byDayId.computeIfAbsent(resource.kind(), kind -> new HashMap<>()).put(dayId, resource);
            }
        }
        Map<Resource, List<BookedSession>> sessions = new HashMap<>();
        byDayId.forEach((kind, resourceOfDay) -> {
            String collection = collection(kind);
            Map<String, List<BookedSession>> days = new HashMap<>(fromView ? views.known(collection, resourceOfDay.keySet()) : Map.of());
            List<String> missing = resourceOfDay.keySet().stream().filter(dayId -> !days.containsKey(dayId)).toList();
            if (!missing.isEmpty()) {
                Map<String, Long> stamps = views.stamps(collection, missing);
                Map<String, List<BookedSession>> read = new HashMap<>();
                for (Document stored : mongo.find(new Query(Criteria.where("_id").in(missing)), Document.class, collection)) {
                    DaySheet day = DaySheet.of(stored);
                    read.put(day.id(), day.sessions());
                }
                views.keep(collection, stamps, read);
                days.putAll(read);
            }
            days.forEach((dayId, held) -> sessions.computeIfAbsent(resourceOfDay.get(dayId), resource -> new ArrayList<>()).addAll(held));
        });
        return new Occupancy(sessions);
    }

    private void pull(String collection, Collection<String> dayIds, Document match) {
        if (!dayIds.isEmpty()) {
            try {
                mongo.updateMulti(new Query(Criteria.where("_id").in(dayIds)), new Update().pull(SESSIONS, match), collection);
            } catch (RuntimeException unknown) {
                views.forget(collection, dayIds);
                throw unknown;
            }
            views.edited(collection, dayIds, DayViews.removing(matching(match)));
        }
    }

    /** The sessions a {@code $pull} of {@code match} takes out: matched on bookingId, attempt (a value or {@code $lt}) and absenceId. */
    private static Predicate<BookedSession> matching(Document match) {
        return session -> match.entrySet().stream().allMatch(field -> switch (field.getKey()) {
            case "bookingId" -> field.getValue().equals(session.bookingId());
            case "absenceId" -> field.getValue().equals(session.absenceId());
            case "attempt" -> field.getValue() instanceof Document range
                    ? session.attempt() < ((Number) range.get("$lt")).intValue()
                    : ((Number) field.getValue()).intValue() == session.attempt();
            default -> throw new IllegalArgumentException("No such field of a session: " + field.getKey());
        });
    }

    /**
     * Pushes the session where the guard allows, creating the day document when there is none, in one update. The
     * insert of an upsert that matched nothing fails on the unique {@code _id} when the document exists (and so the
     * guard refused); only when it did not exist at the guard's look and was created just after is the update repeated.
     */
    private boolean push(String collection, Query free, Document session) {
        Update update = new Update().push(SESSIONS, session);
        try {
            UpdateResult result = mongo.upsert(free, update, collection);
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException exists) {
            return mongo.updateFirst(free, update, collection).getModifiedCount() == 1;
        }
    }

    private void ensureExists(String collection, String dayId) {
        try {
            mongo.upsert(new Query(Criteria.where("_id").is(dayId)), new Update().setOnInsert(SESSIONS, List.of()), collection);
        } catch (DuplicateKeyException createdConcurrently) {
            // Another writer created it between our look and our insert: it exists, which is all we need.
        }
    }

    private static Document attemptOf(String bookingId, int attempt) {
        return new Document("bookingId", bookingId).append("attempt", attempt);
    }

    static Document document(BookedSession session) {
        Document document = new Document("bookingId", session.bookingId())
                .append("attempt", session.attempt())
                .append("branchId", session.branchId())
                .append("start", Date.from(session.start()))
                .append("end", Date.from(session.end()))
                .append("sessionStart", Date.from(session.sessionStart()))
                .append("sessionEnd", Date.from(session.sessionEnd()));
        if (session.isAbsence()) {
            document.append("absenceId", session.absenceId()).append("absenceReason", session.absenceReason());
        }
        return document;
    }
}
