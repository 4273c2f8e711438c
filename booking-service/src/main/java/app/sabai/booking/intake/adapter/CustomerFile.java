package app.sabai.booking.intake.adapter;

import app.sabai.booking.intake.Intake;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is kept per customer email ({@code customers}, the email is the id): the latest intake, and the ids
 * of their bookings, so their bookings are found through {@code _id}s rather than a scan.
 */
@Repository
public class CustomerFile {

    static final String COLLECTION = "customers";

    private final MongoTemplate mongo;

    CustomerFile(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record CustomerRecord(String id, Intake intake, Instant intakeRecordedAt, List<String> bookingIds) {
    }

    public static String keyOf(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<Intake> intakeOf(String email) {
        return find(email).map(CustomerRecord::intake);
    }

    public List<String> bookingIdsOf(String email) {
        return find(email).map(CustomerRecord::bookingIds).orElse(List.of());
    }

    /** Keeps the intake unless one recorded later is on file already (the upsert then collides and is dropped). */
    public void keepIntake(String email, Intake intake, Instant recordedAt) {
        Query olderOrNone = new Query(Criteria.where("_id").is(keyOf(email)).orOperator(
                Criteria.where("intakeRecordedAt").lt(recordedAt),
                Criteria.where("intakeRecordedAt").exists(false)));
        try {
            mongo.upsert(olderOrNone, new Update().set("intake", intake).set("intakeRecordedAt", recordedAt), COLLECTION);
        } catch (DuplicateKeyException newerOnFile) {
            // A later intake for the same email is on file: it stays.
        }
    }

    public void addBooking(String email, String bookingId) {
        mongo.upsert(new Query(Criteria.where("_id").is(keyOf(email))), new Update().addToSet("bookingIds", bookingId), COLLECTION);
    }

    public void removeBooking(String email, String bookingId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(keyOf(email))), new Update().pull("bookingIds", bookingId), COLLECTION);
    }

    private Optional<CustomerRecord> find(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(keyOf(email), CustomerRecord.class, COLLECTION));
    }
}
