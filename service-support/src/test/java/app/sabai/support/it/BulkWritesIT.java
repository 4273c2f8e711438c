package app.sabai.support.it;

import app.sabai.support.mongo.BulkWrites;
import app.sabai.support.testing.SabaiServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A bulk of guarded upserts on the real store: each answered on its own, created, changed or refused on {@code _id}. */
@SabaiServiceTest
class BulkWritesIT {

    private static final String COLLECTION = "bulk_writes";

    @Autowired
    MongoTemplate mongo;

    @Test
    void eachGuardedUpsertIsAnsweredCreatedChangedOrRefused() {
        String there = UUID.randomUUID().toString();
        String taken = UUID.randomUUID().toString();
        String absent = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", there).append("version", 1), COLLECTION);
        mongo.insert(new Document("_id", taken).append("version", 5), COLLECTION);
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        bulk.upsert(atVersion(absent, 0), new Update().set("version", 1));
        bulk.upsert(atVersion(there, 1), new Update().set("version", 2));
        bulk.upsert(atVersion(taken, 1), new Update().set("version", 2));

        BulkWrites.Answer answer = BulkWrites.execute(bulk);

        assertThat(answer.created()).containsExactly(0);
        assertThat(answer.refusedOnId()).containsExactly(2);
        assertThat(answer.accountsFor(3)).isTrue();
        assertThat(mongo.findById(there, Document.class, COLLECTION).getInteger("version")).isEqualTo(2);
        assertThat(mongo.findById(taken, Document.class, COLLECTION).getInteger("version")).as("refused: unchanged").isEqualTo(5);
        assertThat(mongo.findById(absent, Document.class, COLLECTION).getInteger("version")).isEqualTo(1);
    }

    @Test
    void guardedUpdatesThatMatchNothingAreNotAccountedFor() {
        String there = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", there).append("version", 3), COLLECTION);
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        bulk.updateOne(atVersion(there, 3), new Update().set("version", 4));
        bulk.updateOne(atVersion(there, 3), new Update().set("version", 5));

        BulkWrites.Answer answer = BulkWrites.execute(bulk);

        assertThat(answer.refusedOnId()).isEmpty();
        assertThat(answer.accountsFor(2)).as("one changed, and the store does not say which").isFalse();
        assertThat(answer.accountsFor(1)).isTrue();
    }

    private static Query atVersion(String id, int version) {
        return new Query(Criteria.where("_id").is(id).and("version").is(version));
    }
}
