package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.waitlist.WaitlistEntry;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** The {@code waitlist} collection: one document per entry, read and written by {@code _id}, each write guarded by its {@code version}. */
@Repository
class WaitlistEntries {

    static final String COLLECTION = "waitlist";
    static final String VERSION = "version";

    private final MongoTemplate mongo;

    WaitlistEntries(MongoTemplate mongo) {
        this.mongo = mongo;
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
