package app.sabai.therapist.assignment.adapter;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who gave a customer's previous session, and the sessions of a course, so ranking can keep the same
 * therapist. A hint, not a rule: written after the decision with a plain upsert of the same value (a
 * lost write only loses the hint). Customers are keyed by a hash of their e-mail address, not the address.
 */
@Component
class Continuity {

    static final String COLLECTION = "continuity";

    private final MongoTemplate mongo;

    Continuity(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<String> previousTherapist(String customerEmail, String courseId) {
        List<String> keys = keys(customerEmail, courseId);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        List<Document> found = mongo.find(new Query(Criteria.where("_id").in(keys)), Document.class, COLLECTION);
        // A course's therapist outranks whoever the customer saw last.
        return keys.stream()
                .flatMap(key -> found.stream().filter(document -> key.equals(document.getString("_id"))))
                .map(document -> document.getString("therapistId"))
                .findFirst();
    }

    void remember(String customerEmail, String courseId, String therapistId, Instant at) {
        for (String key : keys(customerEmail, courseId)) {
            mongo.upsert(new Query(Criteria.where("_id").is(key)),
                    new Update().set("therapistId", therapistId).set("at", at), COLLECTION);
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
