package app.sabai.therapist.staff.adapter;

import app.sabai.contracts.staff.TherapistProfiled;
import app.sabai.support.mongo.StoredFields;
import app.sabai.support.outbox.Outbox;
import app.sabai.support.outbox.OutboxEntry;
import app.sabai.support.outbox.OutboxSource;
import app.sabai.therapist.staff.Therapist;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The therapists of the chain. Every write stores the therapist together with their {@code TherapistProfiled}
 * in one update (outbox), so the profile published on {@code sabai.staff} is always the one stored. The
 * collection holds staff, not bookings, so it stays small; the branch queries are served by secondary
 * indexes on real MongoDB.
 * <p>
 * Every decision reads the therapists of its branch, and staff rarely change, so {@link #atBranch} and {@link #find}
 * keep what they read in memory. A change saved here forgets it at once; one saved by another instance arrives as its
 * {@code TherapistProfiled} ({@link StaffChangesListener}), which forgets the therapist and every branch's list unless
 * the copy held here already says the same. The cache only spares a read: the guarded reservations of a decision stay
 * the last word on who is booked.
 */
@Component
public class TherapistDirectory {

    public static final String COLLECTION = "therapists";

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, Therapist> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Therapist>> activeAtBranch = new ConcurrentHashMap<>();
    /** Counts the changes announced, so a read that raced one is not kept. Guarded by {@code this}. */
    private long changes;

    TherapistDirectory(MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("homeBranchId", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("coveringBranchIds", Sort.Direction.ASC));
    }

    /** Inserts or replaces the therapist (by id) and publishes their profile. */
    public void save(Therapist therapist) {
        Update update = StoredFields.of(mongo.getConverter(), therapist);
        List<OutboxEntry> entries = outbox.append(update, List.of(profiled(therapist)));
        mongo.upsert(new Query(Criteria.where("_id").is(therapist.id())), update, COLLECTION);
        changed(therapist.id());
        outbox.written(COLLECTION, therapist.id(), entries);
    }

    /** Adds the therapist unless one with that id exists; true when added (and their profile published). */
    public boolean addIfAbsent(Therapist therapist) {
        Document document = new Document();
        mongo.getConverter().write(therapist, document);
        document.remove("_class");
        List<OutboxEntry> entries = outbox.entriesFor(List.of(profiled(therapist)));
        document.put(OutboxEntry.FIELD, entries.stream().map(entry -> {
            Document stored = new Document();
            mongo.getConverter().write(entry, stored);
            stored.remove("_class");
            return stored;
        }).toList());
        try {
            mongo.insert(document, COLLECTION);
        } catch (DuplicateKeyException exists) {
            return false;
        }
        changed(therapist.id());
        outbox.written(COLLECTION, therapist.id(), entries);
        return true;
    }

    public Optional<Therapist> find(String therapistId) {
        Therapist known = byId.get(therapistId);
        if (known != null) {
            return Optional.of(known);
        }
        Therapist stored = readUnlessChanged(() -> mongo.findById(therapistId, Therapist.class, COLLECTION),
                found -> byId.putIfAbsent(therapistId, found));
        return Optional.ofNullable(stored);
    }

    /** Home staff and colleagues covering the branch who still work for the chain. */
    public List<Therapist> atBranch(String branchId) {
        List<Therapist> known = activeAtBranch.get(branchId);
        if (known != null) {
            return known;
        }
        return readUnlessChanged(() -> List.copyOf(mongo.find(new Query(worksAt(branchId).and("deactivatedAt").is(null))
                .with(Sort.by("name", "_id")), Therapist.class, COLLECTION)), found -> activeAtBranch.putIfAbsent(branchId, found));
    }

    /** Whether the branch's list and the therapist are both kept in memory (a read that raced a change was not kept). */
    boolean holds(String branchId, String therapistId) {
        return activeAtBranch.containsKey(branchId) && byId.containsKey(therapistId);
    }

    /** Reads, and keeps what was found unless a change was announced meanwhile. */
    private <T> T readUnlessChanged(Supplier<T> read, Consumer<T> keep) {
        long seen;
        synchronized (this) {
            seen = changes;
        }
        T found = read.get();
        if (found != null) {
            synchronized (this) {
                if (changes == seen) {
                    keep.accept(found);
                }
            }
        }
        return found;
    }

    /**
     * A profile as published (by this instance or another): unless what is held here already says the same, the
     * therapist and every branch's list are read again.
     */
    synchronized void heard(TherapistProfiled published) {
        Therapist known = byId.get(published.therapistId());
        List<Therapist> listed = activeAtBranch.values().stream().flatMap(List::stream)
                .filter(therapist -> therapist.id().equals(published.therapistId())).toList();
        boolean stale = known != null && !says(known, published)
                || listed.stream().anyMatch(therapist -> !says(therapist, published))
                || listed.isEmpty() && published.active() && activeAtBranch.keySet().stream().anyMatch(branchId ->
                        branchId.equals(published.homeBranchId()) || published.coveringBranchIds().contains(branchId));
        if (stale) {
            changed(published.therapistId());
        } else if (known == null) {
            // A read in flight may have read the therapist before this change: it is not kept.
            changes++;
        }
    }

    private static boolean says(Therapist therapist, TherapistProfiled published) {
        return profiled(therapist, published.eventId(), published.occurredAt()).equals(published);
    }

    /** The therapist changed: the next reads take them, and every branch's list, from the store again. */
    private synchronized void changed(String therapistId) {
        changes++;
        byId.remove(therapistId);
        activeAtBranch.clear();
    }

    /** Changes may have been missed (this instance was not yet following them): every therapist is read again. */
    synchronized void forgetAll() {
        changes++;
        byId.clear();
        activeAtBranch.clear();
    }

    /** Everyone who ever belonged to or covered the branch, those who left included. */
    public List<Therapist> everyoneAt(String branchId) {
        return mongo.find(new Query(worksAt(branchId)).with(Sort.by("name", "_id")), Therapist.class, COLLECTION);
    }

    /**
     * Everyone a decision at the branch considers: its staff, plus the customer's preferred therapist
     * even from elsewhere (or gone), so the explanation can say why they were not given the session.
     */
    public List<Therapist> forPlanning(String branchId, String preferredTherapistId) {
        List<Therapist> therapists = new ArrayList<>(atBranch(branchId));
        if (preferredTherapistId != null && !preferredTherapistId.isBlank()
                && therapists.stream().noneMatch(therapist -> therapist.id().equals(preferredTherapistId))) {
            find(preferredTherapistId).ifPresent(therapists::add);
        }
        therapists.sort((a, b) -> a.id().compareTo(b.id()));
        return therapists;
    }

    private TherapistProfiled profiled(Therapist therapist) {
        return profiled(therapist, UUID.randomUUID(), clock.instant());
    }

    static TherapistProfiled profiled(Therapist therapist, UUID eventId, Instant occurredAt) {
        return new TherapistProfiled(eventId, occurredAt, therapist.id(), therapist.name(), therapist.gender(),
                therapist.level().name(), therapist.homeBranchId(), therapist.coveringBranchIds(), List.copyOf(therapist.skills()),
                therapist.certifications().stream().map(Enum::name).toList(), therapist.languages(), therapist.active());
    }

    private static Criteria worksAt(String branchId) {
        return new Criteria().orOperator(Criteria.where("homeBranchId").is(branchId), Criteria.where("coveringBranchIds").is(branchId));
    }

    @Configuration(proxyBeanMethods = false)
    static class Publication {

        @Bean
        OutboxSource therapistsOutbox() {
            return new OutboxSource(COLLECTION);
        }
    }
}
