package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.waitlist.WaitlistEntry;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The {@code waitlist} collection: one document per entry, read and written by {@code _id}, each write guarded by its {@code version}. */
@Repository
class WaitlistEntries {

    static final String COLLECTION = "waitlist";
    static final String VERSION = "version";

    private final MongoTemplate mongo;

    WaitlistEntries(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC));
    }

    /** Every entry of the customer, through the index on {@code customerId}. */
    List<WaitlistEntry> ofCustomer(String customerId) {
        return mongo.find(new Query(Criteria.where("customerId").is(customerId)), Document.class, COLLECTION).stream()
                .map(document -> mongo.getConverter().read(WaitlistEntry.class, document)).toList();
    }

    /** The customer's entries keep nothing that names or reaches them, nor what their intake said. */
    void forget(String customerId) {
        mongo.updateMulti(new Query(Criteria.where("customerId").is(customerId)), new Update()
                .set("customer.name", null).set("customer.email", null).set("customer.phone", null)
                .set("homeVisit", null).set("intake", null).inc(VERSION, 1L), COLLECTION);
    }

    record StoredEntry(WaitlistEntry entry, long version) {
    }

    Optional<StoredEntry> find(String waitlistId) {
        if (waitlistId == null || waitlistId.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(waitlistId, Document.class, COLLECTION))
                .map(document -> new StoredEntry(mongo.getConverter().read(WaitlistEntry.class, document),
                        document.get(VERSION) instanceof Number number ? number.longValue() : 0L));
    }

    /** @throws org.springframework.dao.DuplicateKeyException when an entry with its id is stored already */
    void insert(WaitlistEntry entry) {
        Document document = fields(entry);
        document.put("_id", entry.id());
        document.put(VERSION, 0L);
        mongo.insert(document, COLLECTION);
    }

    /** Writes the entry as changed, only while it is still at the version read. */
    boolean write(StoredEntry read, WaitlistEntry changed) {
        Update update = new Update();
        fields(changed).forEach(update::set);
        update.inc(VERSION, 1L);
        return mongo.updateFirst(new Query(Criteria.where("_id").is(read.entry().id()).and(VERSION).is(read.version())), update,
                COLLECTION).getModifiedCount() == 1;
    }

    private Document fields(WaitlistEntry entry) {
        Document document = new Document();
        mongo.getConverter().write(entry, document);
        document.remove("_id");
        document.remove("_class");
        // A field the change takes away (an offer that ends) must go from the document too.
        for (String field : new String[]{"offer", "bookingId", "intake", "homeVisit"}) {
            document.putIfAbsent(field, null);
        }
        return document;
    }
}
