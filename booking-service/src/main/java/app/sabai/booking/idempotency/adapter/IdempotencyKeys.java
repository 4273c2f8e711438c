package app.sabai.booking.idempotency.adapter;

import app.sabai.booking.idempotency.IdempotencyDays;
import app.sabai.booking.idempotency.KeyClaim;
import app.sabai.booking.idempotency.StoredAnswer;
import app.sabai.support.security.Caller;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The {@code Idempotency-Key}s of commands, in the day collections of {@link IdempotencyDays}: each entry is
 * {@code {_id: key, digest, state: IN_PROGRESS|DONE, firstUsedAt, claimedAt, token, answer}}, read and written by
 * {@code _id} only. A claim inserts the entry into both its collections; the unique {@code _id} decides between
 * concurrent first uses (in one collection, or across midnight in the one both share). An entry past its 24 hours,
 * or abandoned in progress by a process that died, is replaced by the next claim, guarded by the token it had.
 */
@Repository
public class IdempotencyKeys {

    /**
     * The key as kept: the caller's own, so that another caller's request with the same key neither gets their answer
     * nor is blocked by it.
     */
    public static String scoped(Caller caller, String key) {
        return caller.subject() + "|" + key;
    }

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;

    IdempotencyKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public KeyClaim claim(String key, String digest, Instant now) {
        String token = UUID.randomUUID().toString();
        List<String> collections = IdempotencyDays.claim(now);
        List<String> written = new ArrayList<>();
        for (String collection : collections) {
            KeyClaim refused = claimIn(collection, key, digest, token, now);
            if (refused != null) {
                written.forEach(taken -> release(taken, key, token));
                return refused;
            }
            written.add(collection);
        }
        return new KeyClaim.Claimed(key, token, collections);
    }

    /** Records the answer, for retries to get it again. */
    public void complete(KeyClaim.Claimed claim, StoredAnswer answer) {
        Document stored = new Document("status", answer.status()).append("contentType", answer.contentType())
                .append("location", answer.location()).append("body", answer.body());
        for (String collection : claim.collections()) {
            mongo.updateFirst(new Query(Criteria.where("_id").is(claim.key()).and("token").is(claim.token())),
                    new Update().set("state", "DONE").set("answer", stored), collection);
        }
    }

    /** Gives the key up: the request ended without an answer worth repeating (a failure on this side). */
    public void release(KeyClaim.Claimed claim) {
        claim.collections().forEach(collection -> release(collection, claim.key(), claim.token()));
    }

    /** Drops the collections of days nobody can look up any more; answers how many. */
    public int dropExpired(Instant now) {
        int dropped = 0;
        for (String collection : mongo.getCollectionNames()) {
            if (IdempotencyDays.droppable(collection, now)) {
                mongo.dropCollection(collection);
                log.info("Dropped {}: its Idempotency-Keys are past their 24 hours", collection);
                dropped++;
            }
        }
        return dropped;
    }

    /** Null when the key is now claimed in the collection; otherwise what it means for the request. */
    private KeyClaim claimIn(String collection, String key, String digest, String token, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                mongo.insert(entry(key, digest, token, now), collection);
                return null;
            } catch (DuplicateKeyException taken) {
                Document existing = mongo.findById(key, Document.class, collection);
                if (existing == null) {
                    continue;
                }
                Instant firstUsedAt = existing.getDate("firstUsedAt").toInstant();
                boolean sameRequest = digest.equals(existing.getString("digest"));
                boolean inProgress = "IN_PROGRESS".equals(existing.getString("state"));
                boolean replaceable = IdempotencyDays.expired(firstUsedAt, now)
                        || sameRequest && inProgress && IdempotencyDays.abandoned(existing.getDate("claimedAt").toInstant(), now);
                if (!replaceable) {
                    if (!sameRequest) {
                        return new KeyClaim.Reused(key);
                    }
                    return inProgress ? new KeyClaim.InProgress(key) : new KeyClaim.Replay(answerOf(existing));
                }
                Document replacement = entry(key, digest, token, IdempotencyDays.expired(firstUsedAt, now) ? now : firstUsedAt)
                        .append("claimedAt", Date.from(now));
                if (mongo.getCollection(collection).replaceOne(new Document("_id", key).append("token", existing.getString("token")),
                        replacement).getModifiedCount() == 1) {
                    log.info("Idempotency-Key {}: took over an entry that was {}", key,
                            IdempotencyDays.expired(firstUsedAt, now) ? "past its 24 hours" : "abandoned in progress");
                    return null;
                }
            }
        }
        return new KeyClaim.InProgress(key);
    }

    private void release(String collection, String key, String token) {
        mongo.remove(new Query(Criteria.where("_id").is(key).and("token").is(token)), collection);
    }

    private static Document entry(String key, String digest, String token, Instant firstUsedAt) {
        return new Document("_id", key).append("digest", digest).append("state", "IN_PROGRESS")
                .append("firstUsedAt", Date.from(firstUsedAt)).append("claimedAt", Date.from(firstUsedAt)).append("token", token);
    }

    private static StoredAnswer answerOf(Document entry) {
        Document answer = entry.get("answer", Document.class);
        return new StoredAnswer(answer.getInteger("status"), answer.getString("contentType"), answer.getString("location"),
                answer.getString("body"));
    }
}
