package app.sabai.therapist.branch.adapter;

import app.sabai.contracts.branches.BranchCatalogued;
import app.sabai.contracts.json.SabaiJson;
import app.sabai.support.mongo.StoredFields;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.therapist.branch.Branch;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The branches and their publication on {@code sabai.branches}. A new or changed branch is stored
 * together with its {@code BranchCatalogued} in one write; a branch saved unchanged (the demo data at
 * every start) publishes nothing, which a hash of its content decides.
 * <p>
 * Every decision needs its branch, and branches rarely change, so {@link #find} and {@link #all} keep what they read
 * in memory. A change saved here forgets it at once; one saved by another instance arrives as its
 * {@code BranchCatalogued} ({@link BranchChangesListener}), which forgets it too. The cache only spares a read: the
 * guarded writes of a decision (its reservations) stay the last word on who is booked.
 */
@Component
public class BranchCatalogue {

    public static final String COLLECTION = "branches";
    static final String CONTENT_HASH = "contentHash";

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, Branch> cached = new ConcurrentHashMap<>();
    /** Every branch as {@link #all} last read them; null until read, and again after any change. */
    private volatile List<Branch> everyBranch;
    /** Counts the changes announced, so a read that raced one is not kept. Guarded by {@code this}. */
    private long changes;

    BranchCatalogue(MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores the branch; true when it was new or changed, and so published. */
    public boolean save(Branch branch) {
        String hash = contentHash(branch);
        Update update = StoredFields.of(mongo.getConverter(), branch).set(CONTENT_HASH, hash);
        List<OutboxEntry> entries = outbox.append(update, List.of(branch.catalogued(UUID.randomUUID(), clock.instant())));
        try {
            // Matches an existing branch only when its content differs; inserts it when there is none;
            // fails on the unique _id when it exists unchanged.
            mongo.upsert(new Query(Criteria.where("_id").is(branch.id()).and(CONTENT_HASH).ne(hash)), update, COLLECTION);
        } catch (DuplicateKeyException unchanged) {
            return false;
        }
        outbox.written(COLLECTION, branch.id(), entries);
        changed(branch.id());
        return true;
    }

    public Optional<Branch> find(String branchId) {
        Branch known = cached.get(branchId);
        if (known != null) {
            return Optional.of(known);
        }
        long seen;
        synchronized (this) {
            seen = changes;
        }
        Branch stored = mongo.findById(branchId, Branch.class, COLLECTION);
        if (stored != null) {
            synchronized (this) {
                if (changes == seen) {
                    cached.putIfAbsent(branchId, stored);
                }
            }
        }
        return Optional.ofNullable(stored);
    }

    /**
     * A branch as published (by this instance or another): unless it is what this instance holds already, the next
     * {@link #find} reads the branch again, and the next {@link #all} the chain's list.
     */
    synchronized void heard(BranchCatalogued published) {
        Branch known = cached.get(published.branchId());
        if (known == null || !says(known, published)) {
            changes++;
            cached.remove(published.branchId());
        }
        List<Branch> every = everyBranch;
        if (every != null && every.stream().noneMatch(branch -> branch.id().equals(published.branchId()) && says(branch, published))) {
            changes++;
            everyBranch = null;
        }
    }

    private static boolean says(Branch branch, BranchCatalogued published) {
        return branch.catalogued(published.eventId(), published.occurredAt()).equals(published);
    }

    /** The branch changed: the next {@link #find} reads it again, and the next {@link #all} the chain's list. */
    private synchronized void changed(String branchId) {
        changes++;
        cached.remove(branchId);
        everyBranch = null;
    }

    /** Whether the branch is kept in memory (a read that raced a change of any branch was not kept). */
    boolean holds(String branchId) {
        return cached.containsKey(branchId);
    }

    /** Changes may have been missed (this instance was not yet following them): every branch is read again. */
    synchronized void forgetAll() {
        changes++;
        cached.clear();
        everyBranch = null;
    }

    /** Every branch, by name: read once, then kept until a branch changes, as {@link #find} keeps each. */
    public List<Branch> all() {
        List<Branch> known = everyBranch;
        if (known != null) {
            return known;
        }
        long seen;
        synchronized (this) {
            seen = changes;
        }
        List<Branch> stored = List.copyOf(mongo.find(new Query().with(Sort.by("name", "_id")), Branch.class, COLLECTION));
        synchronized (this) {
            if (changes == seen) {
                everyBranch = stored;
            }
        }
        return stored;
    }

    static String contentHash(Branch branch) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(SabaiJson.mapper().writeValueAsString(branch).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Publication {

        @Bean
        OutboxSource branchesOutbox() {
            return new OutboxSource(COLLECTION);
        }
    }
}
