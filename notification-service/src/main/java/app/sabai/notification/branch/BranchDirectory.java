package app.sabai.notification.branch;

import app.sabai.contracts.branches.BranchCatalogued;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The branch names messages show, from the branch catalogue: a small collection ({@code branches}, one
 * document per branch), and the names in memory, as heard or as read from there. Until a branch's catalogue entry has
 * arrived, messages show its id.
 */
@Component
public class BranchDirectory {

    static final String COLLECTION = "branches";

    private final MongoTemplate mongo;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public BranchDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Naturally idempotent: the entry is overwritten with the same values when redelivered. */
    void record(BranchCatalogued catalogued) {
        mongo.upsert(byId(catalogued.branchId()), new Update()
                .set("name", catalogued.name())
                .set("address", catalogued.address())
                .set("zone", catalogued.zone() == null ? null : catalogued.zone().getId())
                .set("cataloguedAt", catalogued.occurredAt()), COLLECTION);
        if (catalogued.name() != null && !catalogued.name().isBlank()) {
            names.put(catalogued.branchId(), catalogued.name());
        } else {
            names.remove(catalogued.branchId());
        }
    }

    public String nameOf(String branchId) {
        if (branchId == null) {
            return null;
        }
        String known = names.get(branchId);
        if (known != null) {
            return known;
        }
        Document branch = mongo.findOne(byId(branchId), Document.class, COLLECTION);
        String name = branch == null ? null : branch.getString("name");
        if (name == null || name.isBlank()) {
            return branchId;
        }
        // What was heard meanwhile is newer than what was read.
        return names.computeIfAbsent(branchId, id -> name);
    }

    private static Query byId(String branchId) {
        return new Query(Criteria.where("_id").is(branchId));
    }
}
