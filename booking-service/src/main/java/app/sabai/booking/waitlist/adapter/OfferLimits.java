package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.waitlist.OfferLimit;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The {@code waitlist_customers} collection: each customer's open offers ({@link OfferLimit}), by email key, version-guarded. */
@Repository
class OfferLimits {

    static final String COLLECTION = "waitlist_customers";
    static final String VERSION = "version";

    private final MongoTemplate mongo;

    OfferLimits(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The customer's open offers as read, and the version (null when they have no document yet). */
    record StoredLimit(OfferLimit limit, Long version) {
    }

    StoredLimit find(String customerKey) {
        Document document = mongo.findById(customerKey, Document.class, COLLECTION);
        if (document == null) {
            return new StoredLimit(OfferLimit.none(customerKey), null);
        }
        return new StoredLimit(mongo.getConverter().read(OfferLimit.class, document),
                document.get(VERSION) instanceof Number number ? number.longValue() : 0L);
    }

    boolean write(StoredLimit read, OfferLimit changed) {
        Document fields = new Document();
        mongo.getConverter().write(changed, fields);
        fields.remove("_class");
        fields.remove("_id");
        if (read.version() == null) {
            fields.put("_id", changed.customerKey());
            fields.put(VERSION, 0L);
            try {
                mongo.insert(fields, COLLECTION);
                return true;
            } catch (DuplicateKeyException concurrentlyCreated) {
                return false;
            }
        }
        Update update = new Update();
        fields.forEach(update::set);
        update.inc(VERSION, 1L);
        return mongo.updateFirst(new Query(Criteria.where("_id").is(changed.customerKey()).and(VERSION).is(read.version())), update,
                COLLECTION).getModifiedCount() == 1;
    }
}
