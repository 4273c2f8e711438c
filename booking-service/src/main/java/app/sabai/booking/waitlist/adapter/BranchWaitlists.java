package app.sabai.booking.waitlist.adapter;

import app.sabai.booking.waitlist.BranchWaitlist;
import app.sabai.support.consume.AppliedEvents;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

/**
 * The {@code waitlist_branches} collection: one small document per branch with the entries waiting there
 * ({@link BranchWaitlist}), read and written by {@code _id}. Every write is guarded by the document's {@code version};
 * one that applies free time (or passes it on) records the id of what caused it in the same write, so the same cause
 * applied again finds it done.
 */
@Repository
class BranchWaitlists {

    static final String COLLECTION = "waitlist_branches";
    static final String VERSION = "version";

    private final MongoTemplate mongo;

    BranchWaitlists(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The branch's list as read, its version (null when the branch has no document yet) and the causes it applied. */
    record StoredBranch(BranchWaitlist waitlist, Long version, List<String> applied) {

        boolean hasApplied(UUID cause) {
            return cause != null && applied.contains(cause.toString());
        }
    }

    StoredBranch find(String branchId) {
        Document document = mongo.findById(branchId, Document.class, COLLECTION);
        if (document == null) {
            return new StoredBranch(BranchWaitlist.empty(branchId), null, List.of());
        }
        List<String> applied = document.getList(AppliedEvents.FIELD, String.class);
        return new StoredBranch(mongo.getConverter().read(BranchWaitlist.class, document),
                document.get(VERSION) instanceof Number number ? number.longValue() : 0L, applied == null ? List.of() : applied);
    }

    /** Writes the list as changed (and the cause, when given), only while it is still as read. False when it was not. */
    boolean write(StoredBranch read, BranchWaitlist changed, UUID cause) {
        Document fields = new Document();
        mongo.getConverter().write(changed, fields);
        fields.remove("_class");
        fields.remove("_id");
        String branchId = read.waitlist().branchId();
        if (read.version() == null) {
            fields.put("_id", branchId);
            fields.put(VERSION, 0L);
            fields.put(AppliedEvents.FIELD, cause == null ? List.of() : List.of(cause.toString()));
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
        if (cause != null) {
            AppliedEvents.markApplied(update, cause);
        }
        return mongo.updateFirst(new Query(Criteria.where("_id").is(branchId).and(VERSION).is(read.version())), update, COLLECTION)
                .getModifiedCount() == 1;
    }
}
