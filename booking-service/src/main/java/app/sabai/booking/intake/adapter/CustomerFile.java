package app.sabai.booking.intake.adapter;

import app.sabai.booking.intake.Intake;
import app.sabai.support.web.ConflictException;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What is kept per customer email ({@code customers}, the email is the id): the file's opaque, stable
 * {@code customerId}, the latest intake, and the ids of their bookings, so their bookings are found through
 * {@code _id}s rather than a scan. A file is found by its customer id through a unique index on {@code customerId}
 * (sparse: a file gets its id with its first booking, course or waiting-list entry), so the file takes its id, and
 * becomes findable by it, in one write.
 */
@Repository
public class CustomerFile {

    static final String COLLECTION = "customers";
    /** Where a file's email was found by its id before the index on {@code customerId}; dropped at start. */
    static final String FORMER_IDS = "customer_ids";
    private static final String CUSTOMER_ID = "customerId";

    private final MongoTemplate mongo;

    CustomerFile(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on(CUSTOMER_ID, Sort.Direction.ASC).unique().sparse().named(CUSTOMER_ID));
        if (mongo.collectionExists(FORMER_IDS)) {
            mongo.dropCollection(FORMER_IDS);
        }
    }

    record CustomerRecord(String id, String customerId, Intake intake, Instant intakeRecordedAt, List<String> bookingIds) {

        CustomerRecord {
            bookingIds = bookingIds == null ? List.of() : List.copyOf(bookingIds);
        }
    }

    /** A customer's file as found by its id: the id, the email it is kept under, and their booking ids, oldest first. */
    public record CustomerBookings(String customerId, String email, List<String> bookingIds) {
    }

    public static String keyOf(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The intake on the file of {@code email}, only when {@code customerId} is that file's id: whoever knows just
     * an email learns nothing about whether its owner has an intake on file.
     */
    public Optional<Intake> intakeOf(String email, String customerId) {
        if (customerId == null || customerId.isBlank()) {
            return Optional.empty();
        }
        return find(email).filter(file -> customerId.trim().equals(file.customerId())).map(CustomerRecord::intake);
    }

    public List<String> bookingIdsOf(String email) {
        return find(email).map(CustomerRecord::bookingIds).orElse(List.of());
    }

    /** The id of the email's file, giving the file one (and creating the file) when it has none yet. */
    public String idOf(String email) {
        return idOf(email, Optional.empty());
    }

    /**
     * The id of the customer file of {@code email}, made on first use: the signed-in customer's own id when one is
     * given (their token's subject), else a new one. A signed-in customer whose email is on file under another
     * customer's id is refused: only that customer may book on that file.
     */
    public String idOf(String email, Optional<String> signedInCustomer) {
        Optional<String> existing = customerIdOf(email);
        if (existing.isPresent()) {
            return ownedBy(existing.get(), signedInCustomer);
        }
        return open(email, signedInCustomer, new Update()).customerId();
    }

    /**
     * Lists the booking on the file of {@code email}, keeping the intake it came with (if any), and answers the file's
     * id: as {@link #idOf} and then {@link #keepIntakeAndAddBooking} (or {@link #addBooking}) would, refused as
     * {@link #idOf} refuses, before anything is written. One write does it when the file has an id the caller may book
     * on, or when there is no file yet: the file is then made with its id, the booking and the intake.
     */
    public String listBooking(String email, Optional<String> signedInCustomer, String bookingId, Optional<Intake> intake,
                              Instant recordedAt) {
        Optional<String> listed = listedInOneWrite(email, signedInCustomer, bookingId, intake, recordedAt);
        if (listed.isPresent()) {
            return listed.get();
        }
        // A file without an id, one that is another customer's, or one holding an intake recorded later: the slower way.
        Opened file = open(email, signedInCustomer, listing(bookingId, intake, recordedAt));
        if (!file.made()) {
            intake.ifPresentOrElse(sent -> keepIntakeAndAddBooking(email, file.customerId(), sent, recordedAt, bookingId),
                    () -> addBooking(email, bookingId));
        }
        return file.customerId();
    }

    private static Update listing(String bookingId, Optional<Intake> intake, Instant recordedAt) {
        return intake.map(sent -> setIntake(sent, recordedAt)).orElseGet(Update::new).addToSet("bookingIds", bookingId);
    }

    /**
     * The listing written in one upsert, and the file's id then: on the file of {@code email} when it has an id the caller
     * may book on (the signed-in customer's, or any for staff) and, when an intake comes with it, no intake recorded after
     * {@code recordedAt}; or on a file made by the write, with its id (the signed-in customer's own, else a new one). Any
     * other file matches nothing, so the upsert's insert is refused on the email, {@code _id}: empty then, having written
     * nothing. A signed-in customer's id kept on another email's file refuses it too, on the index of ids.
     */
    private Optional<String> listedInOneWrite(String email, Optional<String> signedInCustomer, String bookingId,
                                              Optional<Intake> intake, Instant recordedAt) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        Criteria owner = Criteria.where("_id").is(keyOf(email)).and(CUSTOMER_ID);
        // A signed-in customer's id is an equality of the query, which an upsert's insert takes as it is.
        Criteria file = signedInCustomer.isPresent() ? owner.is(signedInCustomer.get()) : owner.exists(true);
        Query onFile = new Query(intake.isPresent() ? withIntakeOlderThanOrNone(file, recordedAt) : file);
        onFile.fields().include(CUSTOMER_ID);
        Update write = listing(bookingId, intake, recordedAt);
        if (signedInCustomer.isEmpty()) {
            write.setOnInsert(CUSTOMER_ID, UUID.randomUUID().toString());
        }
        try {
            return Optional.ofNullable(mongo.findAndModify(onFile, write, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    Document.class, COLLECTION)).map(found -> found.getString(CUSTOMER_ID));
        } catch (DuplicateKeyException notThisCallersToList) {
            return Optional.empty();
        }
    }

    /** A file's id, and whether the file took it (with the rest of {@link #open}'s update) in this call. */
    private record Opened(String customerId, boolean made) {
    }

    /**
     * The id of a file found without one: it takes a new one (the signed-in customer's own), with {@code madeWith}, in
     * one write; a file that has one by then keeps it. Refused, having written nothing, when that id is another
     * customer's, or when the signed-in customer's id is on a file under another email.
     */
    private Opened open(String email, Optional<String> signedInCustomer, Update madeWith) {
        String candidate = signedInCustomer.orElseGet(() -> UUID.randomUUID().toString());
        Query withoutId = new Query(Criteria.where("_id").is(keyOf(email)).and(CUSTOMER_ID).exists(false));
        for (int attempt = 1; ; attempt++) {
            try {
                mongo.upsert(withoutId, madeWith.set(CUSTOMER_ID, candidate), COLLECTION);
                return new Opened(candidate, true);
            } catch (DuplicateKeyException taken) {
                // A file with an id already, or a concurrent first booking gave it one first: that one stays.
                Optional<String> kept = customerIdOf(email);
                if (kept.isPresent()) {
                    return new Opened(ownedBy(kept.get(), signedInCustomer), false);
                }
                // Twice refused with no id on this email's file: the index refused the id itself, which another
                // email's file has. (Once may be a file without an id made meanwhile, which the next try takes.)
                if (attempt == 2) {
                    throw new ConflictException("customer.email", "Your customer file is kept under another email than"
                            + " the one you signed in with: ask the spa to move it to this one");
                }
            }
        }
    }

    private static String ownedBy(String fileId, Optional<String> signedInCustomer) {
        if (signedInCustomer.isPresent() && !signedInCustomer.get().equals(fileId)) {
            throw new ConflictException("customer.email", "This email is on file for another customer: sign in as them,"
                    + " or give your own email");
        }
        return fileId;
    }

    /** The file with this id, empty when there is none. */
    public Optional<CustomerBookings> byId(String customerId) {
        return fileOf(customerId).map(file -> new CustomerBookings(file.customerId(), file.id(), file.bookingIds()));
    }

    /** What the file of this id holds for its customer to take away: the email it is kept under and the intake. */
    public record FileExport(String customerId, String email, Intake intake, Instant intakeRecordedAt) {
    }

    public Optional<FileExport> export(String customerId) {
        return fileOf(customerId).map(file -> new FileExport(file.customerId(), file.id(), file.intake(), file.intakeRecordedAt()));
    }

    /**
     * The file of this id is gone: its email, intake and list of bookings. Done last when a customer's data is erased,
     * since the file is how their bookings are found.
     */
    public void forget(String customerId) {
        if (customerId != null && !customerId.isBlank()) {
            mongo.remove(new Query(Criteria.where(CUSTOMER_ID).is(customerId)), COLLECTION);
        }
    }

    private Optional<CustomerRecord> fileOf(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where(CUSTOMER_ID).is(customerId)), CustomerRecord.class, COLLECTION));
    }

    /**
     * Keeps the intake on the file of {@code email} whose id is {@code customerId} (as {@link #idOf} gave it), unless
     * one recorded later is on file already. Only the file's owner may change its intake: a write for another id, or
     * for an email without a file, changes nothing.
     */
    public void keepIntake(String email, String customerId, Intake intake, Instant recordedAt) {
        mongo.updateFirst(intakeOlderThanOrNone(email, customerId, recordedAt), setIntake(intake, recordedAt), COLLECTION);
    }

    /**
     * Lists the booking on the file of {@code email} whose id is {@code customerId} and keeps the intake it came with,
     * in one write when no intake recorded later is on file (else the booking is listed alone and the later intake
     * stays). Repeating it changes nothing.
     */
    public void keepIntakeAndAddBooking(String email, String customerId, Intake intake, Instant recordedAt, String bookingId) {
        UpdateResult result = mongo.updateFirst(intakeOlderThanOrNone(email, customerId, recordedAt),
                setIntake(intake, recordedAt).addToSet("bookingIds", bookingId), COLLECTION);
        if (result.getMatchedCount() == 0) {
            mongo.updateFirst(new Query(fileOf(email, customerId)), new Update().addToSet("bookingIds", bookingId), COLLECTION);
        }
    }

    private static Update setIntake(Intake intake, Instant recordedAt) {
        return new Update().set("intake", intake).set("intakeRecordedAt", recordedAt);
    }

    /** The file of the email with this id, when the intake on it was recorded before {@code recordedAt} or there is none. */
    private static Query intakeOlderThanOrNone(String email, String customerId, Instant recordedAt) {
        return new Query(withIntakeOlderThanOrNone(fileOf(email, customerId), recordedAt));
    }

    private static Criteria withIntakeOlderThanOrNone(Criteria file, Instant recordedAt) {
        return file.orOperator(Criteria.where("intakeRecordedAt").lt(recordedAt), Criteria.where("intakeRecordedAt").exists(false));
    }

    private static Criteria fileOf(String email, String customerId) {
        return Criteria.where("_id").is(keyOf(email)).and(CUSTOMER_ID).is(customerId);
    }

    public void addBooking(String email, String bookingId) {
        mongo.upsert(new Query(Criteria.where("_id").is(keyOf(email))), new Update().addToSet("bookingIds", bookingId), COLLECTION);
    }

    public void removeBooking(String email, String bookingId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(keyOf(email))), new Update().pull("bookingIds", bookingId), COLLECTION);
    }

    /** The file's id alone, without reading its intake and bookings. */
    private Optional<String> customerIdOf(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        Query file = new Query(Criteria.where("_id").is(keyOf(email)));
        file.fields().include(CUSTOMER_ID);
        return Optional.ofNullable(mongo.findOne(file, Document.class, COLLECTION)).map(found -> found.getString(CUSTOMER_ID));
    }

    private Optional<CustomerRecord> find(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(keyOf(email), CustomerRecord.class, COLLECTION));
    }
}
