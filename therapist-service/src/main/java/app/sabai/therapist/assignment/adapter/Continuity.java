package app.sabai.therapist.assignment.adapter;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who gave a customer's previous session, and the sessions of a course, so ranking can keep the same
 * therapist. A hint, not a rule: written after the decision with a plain upsert of the same value (a
 * lost write only loses the hint). Customers are keyed by a hash of their e-mail address, not the address.
 */
@Component
class Continuity {

    static final String COLLECTION = "continuity";

    private static final Logger log = LoggerFactory.getLogger(Continuity.class);

    private final MongoTemplate mongo;

    Continuity(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What is remembered for these customers and courses, read in one query. */
    Hints hintsFor(Collection<Visitor> visitors) {
        Set<String> keys = new LinkedHashSet<>();
        visitors.forEach(visitor -> keys.addAll(keys(visitor.customerEmail(), visitor.courseId())));
        Map<String, String> therapists = new HashMap<>();
        if (!keys.isEmpty()) {
            mongo.find(new Query(Criteria.where("_id").in(keys)), Document.class, COLLECTION)
                    .forEach(found -> therapists.put(found.getString("_id"), found.getString("therapistId")));
        }
        return new Hints(therapists);
    }

    void remember(String customerEmail, String courseId, String therapistId, Instant at) {
        remember(List.of(new Visit(new Visitor(customerEmail, courseId), therapistId, at)));
    }

    /** Remembers each visit, in their order, in one request when there are several; a write lost only loses hints. */
    void remember(List<Visit> visits) {
        List<Pair<Query, Update>> upserts = new ArrayList<>();
        for (Visit visit : visits) {
            for (String key : keys(visit.visitor().customerEmail(), visit.visitor().courseId())) {
                upserts.add(Pair.of(new Query(Criteria.where("_id").is(key)),
                        new Update().set("therapistId", visit.therapistId()).set("at", visit.at())));
            }
        }
        try {
            if (upserts.size() == 1) {
                mongo.upsert(upserts.getFirst().getFirst(), upserts.getFirst().getSecond(), COLLECTION);
            } else if (!upserts.isEmpty()) {
                mongo.bulkOps(BulkOperations.BulkMode.ORDERED, COLLECTION).upsert(upserts).execute();
            }
        } catch (DataAccessException lost) {
            log.info("{} visit(s) not remembered for continuity: {}", visits.size(), lost.toString());
        }
    }

    /** A customer (by email) and the course a session belongs to, either of them absent. */
    record Visitor(String customerEmail, String courseId) {
    }

    /** A session given to a visitor by a therapist. */
    record Visit(Visitor visitor, String therapistId, Instant at) {
    }

    /**
     * Remembered therapists, as read for a row of requests, and what the row itself assigned meanwhile: a course's
     * sessions requested together keep the therapist its first one was given, before that is remembered in the store.
     */
    static final class Hints {

        private final Map<String, String> therapists;

        private Hints(Map<String, String> therapists) {
            this.therapists = therapists;
        }

        /** A course's therapist outranks whoever the customer saw last. */
        Optional<String> previousTherapist(Visitor visitor) {
            return keys(visitor.customerEmail(), visitor.courseId()).stream().map(therapists::get).filter(Objects::nonNull).findFirst();
        }

        void assigned(Visitor visitor, String therapistId) {
            keys(visitor.customerEmail(), visitor.courseId()).forEach(key -> therapists.put(key, therapistId));
        }
    }

    private static List<String> keys(String customerEmail, String courseId) {
        List<String> keys = new ArrayList<>();
        if (courseId != null && !courseId.isBlank()) {
            keys.add("course:" + courseId);
        }
        if (customerEmail != null && !customerEmail.isBlank()) {
            keys.add("customer:" + sha256(customerEmail.trim().toLowerCase(Locale.ROOT)));
        }
        return keys;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
