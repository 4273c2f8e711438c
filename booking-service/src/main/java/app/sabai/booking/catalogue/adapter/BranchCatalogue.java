package app.sabai.booking.catalogue.adapter;

import app.sabai.booking.catalogue.Branch;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The branches this service has seen on {@code sabai.branches}, one document per branch ({@code branches}), and in
 * memory as last read from there: a request reads its branch from memory. After every entry it hears, the catalogue reads
 * the branch back into memory (another instance may have stored a newer one); only a newer entry replaces one in memory,
 * so a slow read can never bring back an older branch.
 */
@Repository
public class BranchCatalogue {

    static final String COLLECTION = "branches";
    private static final Logger log = LoggerFactory.getLogger(BranchCatalogue.class);

    private final MongoTemplate mongo;
    private final Map<String, Branch> known = new ConcurrentHashMap<>();

    BranchCatalogue(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Branch> find(String branchId) {
        if (branchId == null || branchId.isBlank()) {
            return Optional.empty();
        }
        Branch remembered = known.get(branchId);
        return remembered != null ? Optional.of(remembered) : Optional.ofNullable(read(branchId));
    }

    private Branch read(String branchId) {
        Branch stored = mongo.findById(branchId, Branch.class, COLLECTION);
        return stored == null ? null : known.merge(branchId, stored,
                (remembered, read) -> read.cataloguedAt().isAfter(remembered.cataloguedAt()) ? read : remembered);
    }

    public long count() {
        return mongo.count(new Query(), COLLECTION);
    }

    /**
     * Keeps the entry unless a newer one (by {@code cataloguedAt}) is already stored. When the filter finds
     * no older entry to replace, the upsert inserts; that insert only collides with an entry that is as new
     * or newer, which is exactly the one to keep. A replayed entry therefore changes nothing.
     */
    public boolean keep(Branch branch) {
        Document fields = new Document();
        mongo.getConverter().write(branch, fields);
        fields.remove("_id");
        fields.remove("_class");
        Query olderOrAbsent = new Query(Criteria.where("_id").is(branch.id()).and("cataloguedAt").lt(branch.cataloguedAt()));
        try {
            mongo.upsert(olderOrAbsent, Update.fromDocument(new Document("$set", fields)), COLLECTION);
            read(branch.id());
            return true;
        } catch (DuplicateKeyException newerKept) {
            // Another instance may have stored it first: what is stored now is at least as new as what is remembered.
            read(branch.id());
            log.debug("Catalogue entry of {} from {} is not newer than the stored one; kept the stored one",
                    branch.id(), branch.cataloguedAt());
            return false;
        }
    }
}
