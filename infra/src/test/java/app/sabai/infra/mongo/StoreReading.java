package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A query's answer with what the store read to give it, from {@code serverStatus} before and after; and the store's other
 * counters the tests read there.
 */
record StoreReading(List<String> answer, long scannedObjects, long collectionScans) {

    static StoreReading of(MongoDatabase database, Supplier<List<String>> query) {
        Document before = queryExecutor(database);
        List<String> answer = query.get();
        Document after = queryExecutor(database);
        return new StoreReading(answer,
                after.get("scannedObjects", Number.class).longValue() - before.get("scannedObjects", Number.class).longValue(),
                total(after) - total(before));
    }

    /** The {@code _id}s of the documents, in the order given. */
    static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    /** The store's answer counters ({@code serverStatus.groupCommit}: log writes, answers that waited, checkpoints). */
    static Document groupCommit(MongoClient client) {
        return client.getDatabase("admin").runCommand(new Document("serverStatus", 1)).get("groupCommit", Document.class);
    }

    /** The commands the store received, by name ({@code serverStatus.metrics.commands}). */
    static Document commands(MongoClient client) {
        return client.getDatabase("admin").runCommand(new Document("serverStatus", 1)).get("metrics", Document.class)
                .get("commands", Document.class);
    }

    /** How many of the named command {@link #commands} counted; none when it was never received. */
    static long received(Document commands, String name) {
        Document command = commands.get(name, Document.class);
        return command == null ? 0 : command.get("total", Number.class).longValue();
    }

    private static Document queryExecutor(MongoDatabase database) {
        Document status = database.runCommand(new Document("serverStatus", 1));
        return status.get("metrics", Document.class).get("queryExecutor", Document.class);
    }

    private static long total(Document queryExecutor) {
        return queryExecutor.get("collectionScans", Document.class).get("total", Number.class).longValue();
    }
}
