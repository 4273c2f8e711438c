package app.sabai.therapist.staff.adapter;

import app.sabai.therapist.staff.Therapist;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The therapists of the chain. The collection holds staff, not bookings, so it stays small; the
 * branch queries are served by secondary indexes on real MongoDB.
 */
@Component
public class TherapistDirectory {

    public static final String COLLECTION = "therapists";

    private final MongoTemplate mongo;

    TherapistDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("homeBranchId", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("coveringBranchIds", Sort.Direction.ASC));
    }

    /** Inserts or replaces the therapist (by id). */
    public void save(Therapist therapist) {
        mongo.save(therapist, COLLECTION);
    }

    /** Adds the therapist unless one with that id exists; true when added. */
    public boolean addIfAbsent(Therapist therapist) {
        try {
            mongo.insert(therapist, COLLECTION);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    public Optional<Therapist> find(String therapistId) {
        return Optional.ofNullable(mongo.findById(therapistId, Therapist.class, COLLECTION));
    }

    /** Home staff and colleagues covering the branch. */
    public List<Therapist> atBranch(String branchId) {
        return mongo.find(new Query(worksAt(branchId)).with(Sort.by("name", "_id")), Therapist.class, COLLECTION);
    }

    /**
     * Everyone a decision at the branch considers: its staff, plus the customer's preferred therapist
     * even from elsewhere, so the explanation can say why they were not given the session.
     */
    public List<Therapist> forPlanning(String branchId, String preferredTherapistId) {
        Criteria criteria = preferredTherapistId == null || preferredTherapistId.isBlank()
                ? worksAt(branchId)
                : new Criteria().orOperator(worksAt(branchId), Criteria.where("_id").is(preferredTherapistId));
        return new ArrayList<>(mongo.find(new Query(criteria).with(Sort.by("_id")), Therapist.class, COLLECTION));
    }

    private static Criteria worksAt(String branchId) {
        return new Criteria().orOperator(Criteria.where("homeBranchId").is(branchId), Criteria.where("coveringBranchIds").is(branchId));
    }
}
