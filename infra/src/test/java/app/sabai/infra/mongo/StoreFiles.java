package app.sabai.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Looks into a closed store's file, read-only, as the tests of its format do; or serves it for a while to a client. */
final class StoreFiles {

    private StoreFiles() {
    }

    static <T> T read(Path file, Function<MVStore, T> reading) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return reading.apply(store);
        } finally {
            store.close();
        }
    }

    /** Serves the store in {@code file} while {@code work} uses one of its collections through the Java driver. */
    static void withCollection(Path file, String database, String collection, Consumer<MongoCollection<Document>> work) {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, file);
             MongoClient client = MongoClients.create(store.uri(database))) {
            work.accept(client.getDatabase(database).getCollection(collection));
        }
    }

    /** Leaves the redo log's folder beside {@code file} with a segment in it, as a kill of the store does: the next open is after a crash. */
    static void leaveTheRedoLogAsAKillDoes(Path file) throws IOException {
        Path redo = Files.createDirectories(file.resolveSibling(file.getFileName() + ".redo"));
        Files.createFile(redo.resolve("000000000001.redo"));
    }

    static List<String> mapNames(Path file) {
        return read(file, store -> store.getMapNames().stream().sorted().toList());
    }
}
