package app.sabai.notification.branch;

import app.sabai.contracts.branches.BranchCatalogued;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The branch names messages show, from the branch catalogue: a small collection ({@code branches}, one
 * document per branch). Until a branch's catalogue entry has arrived, messages show its id.
 */
@Component
public class BranchDirectory {

    static final String COLLECTION = "branches";

    private final MongoTemplate mongo;

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
    }

    public String nameOf(String branchId) {
        if (branchId == null) {
            return null;
        }
        Document branch = mongo.findOne(byId(branchId), Document.class, COLLECTION);
        String name = branch == null ? null : branch.getString("name");
        return name == null || name.isBlank() ? branchId : name;
    }

    private static Query byId(String branchId) {
        return new Query(Criteria.where("_id").is(branchId));
    }
}
