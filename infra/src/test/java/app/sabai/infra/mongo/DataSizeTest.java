package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code collStats} and {@code dbStats} say of a collection's size on the on-disk store: an estimate from a few of
 * its documents, made when asked, instead of a count every write kept.
 */
class DataSizeTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aCollectionsSizeFollowsItsDocumentsAsTheyAreAddedChangedAndRemoved() {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, dataDirectory.resolve("store.mv"));
             MongoClient client = MongoClients.create(store.uri("booking"))) {
            MongoDatabase database = client.getDatabase("booking");
            MongoCollection<Document> notes = database.getCollection("notes");
            for (int i = 0; i < 400; i++) {
                notes.insertOne(new Document("_id", "note-" + i).append("n", i).append("text", "x".repeat(200)));
            }
            long written = size(database);
            assertThat(written).as("400 documents of some 230 bytes").isBetween(400L * 200, 400L * 300);
            assertThat(database.runCommand(new Document("collStats", "notes")).getInteger("avgObjSize")).isBetween(200, 300);
            assertThat(database.runCommand(new Document("dbStats", 1)).get("dataSize", Number.class).longValue()).isGreaterThanOrEqualTo(written);

            notes.updateMany(Filters.exists("_id"), Updates.set("text", "x".repeat(2_000)));
            assertThat(size(database)).as("each ten times longer").isBetween(400L * 2_000, 400L * 2_100);

            notes.deleteMany(Filters.lt("n", 300));
            assertThat(size(database)).as("a quarter left").isBetween(100L * 2_000, 100L * 2_100);

            notes.deleteMany(Filters.exists("_id"));
            assertThat(size(database)).isZero();
        }
    }

    private static long size(MongoDatabase database) {
        return database.runCommand(new Document("collStats", "notes")).get("size", Number.class).longValue();
    }
}
