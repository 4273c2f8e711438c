package app.sabai.infra.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the on-disk store puts a document in its collection's map: after every other one, so documents made together
 * (and changed together soon after) share pages, whatever their ids. Documents of a store written when the position was
 * the {@code _id} keep theirs, and new ones come after them.
 */
class DocumentPositionsTest {

    private static final String DATA_MAP = DocumentFormat.DATA_PREFIX + "booking.bookings";

    @TempDir
    Path dataDirectory;

    private Path file() {
        return dataDirectory.resolve("store.mv");
    }

    private void withBookings(Consumer<MongoCollection<Document>> work) {
        StoreFiles.withCollection(file(), "booking", "bookings", work);
    }

    private static Document booking(String id, int n) {
        return new Document("_id", id).append("idempotencyKey", "key-" + n).append("status", "REQUESTED");
    }

    private static List<String> randomIds(int count) {
        return Stream.generate(() -> UUID.randomUUID().toString()).limit(count).toList();
    }

    private List<Object> positions() {
        return StoreFiles.read(file(), store -> {
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = DocumentFormat.openDataMap(store, DATA_MAP);
            return new ArrayList<>(documents.keySet());
        });
    }

    private List<Object> idsInMapOrder() {
        return StoreFiles.read(file(), store -> {
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = DocumentFormat.openDataMap(store, DATA_MAP);
            return documents.values().stream().map(document -> document.get("_id")).toList();
        });
    }

    @Test
    void documentsWithRandomIdsAreKeptInTheOrderTheyWereMadeAcrossRestarts() {
        List<String> first = randomIds(40);
        List<String> second = randomIds(10);
        withBookings(bookings -> {
            bookings.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
            for (int i = 0; i < first.size(); i++) {
                bookings.insertOne(booking(first.get(i), i));
            }
            bookings.updateOne(Filters.eq("_id", first.get(3)), Updates.set("status", "CONFIRMED"));
        });
        withBookings(bookings -> {
            for (int i = 0; i < second.size(); i++) {
                bookings.insertOne(booking(second.get(i), 100 + i));
            }
            assertThat(bookings.find(Filters.eq("_id", first.get(3))).first().getString("status")).isEqualTo("CONFIRMED");
            assertThat(bookings.find(Filters.eq("idempotencyKey", "key-104")).first().getString("_id")).isEqualTo(second.get(4));
            assertThatThrownBy(() -> bookings.insertOne(booking(UUID.randomUUID().toString(), 7))).isInstanceOf(MongoWriteException.class);
        });

        List<Object> made = new ArrayList<>(first);
        made.addAll(second);
        assertThat(idsInMapOrder()).isEqualTo(made);
        assertThat(positions()).hasSize(50).allMatch(Long.class::isInstance).doesNotHaveDuplicates();
    }

    /** Several clients' first writes to a new collection at once, as the services make their collections. */
    @Test
    void theFirstDocumentsOfANewCollectionWrittenAtOnceAllLandWhole() throws Exception {
        int clients = 8;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, file());
             MongoClient client = MongoClients.create(store.uri("booking"))) {
            for (int round = 0; round < 30; round++) {
                MongoCollection<Document> collection = client.getDatabase("booking").getCollection("new_" + round);
                CyclicBarrier together = new CyclicBarrier(clients);
                List<Future<List<String>>> written = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int writer = c;
                    written.add(pool.submit(() -> {
                        List<String> ids = randomIds(each);
                        together.await();
                        for (int i = 0; i < each; i++) {
                            collection.insertOne(booking(ids.get(i), writer * each + i));
                        }
                        return ids;
                    }));
                }
                for (Future<List<String>> writer : written) {
                    for (String id : writer.get(30, TimeUnit.SECONDS)) {
                        assertThat(collection.find(Filters.eq("_id", id)).first()).as("round %d, %s", round, id)
                                .isNotNull().extracting(document -> document.get("_id")).isEqualTo(id);
                    }
                }
                assertThat(collection.countDocuments()).isEqualTo(clients * each);
                assertThat(collection.find().into(new ArrayList<>())).hasSize(clients * each);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** As the store wrote them before: each document at its {@code _id}, a number among them (mongo-java-server's own backend). */
    @Test
    void aStoreWhoseDocumentsSitAtTheirIdsTakesNewOnesAfterThemAndLosesNone() {
        MongoServer earlier = new MongoServer(new de.bwaldvogel.mongo.backend.h2.H2Backend(
                new org.h2.mvstore.MVStore.Builder().fileName(file().toString()).open()));
        InetSocketAddress address = earlier.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            MongoCollection<Document> bookings = client.getDatabase("booking").getCollection("bookings");
            bookings.insertOne(new Document("_id", 3L).append("status", "REQUESTED"));
            bookings.insertOne(new Document("_id", "booking-a").append("status", "REQUESTED"));
            bookings.insertOne(new Document("_id", 2).append("status", "REQUESTED"));
        } finally {
            earlier.shutdownNow();
        }

        withBookings(bookings -> {
            for (int i = 0; i < 5; i++) {
                bookings.insertOne(new Document("_id", "new-" + i).append("status", "REQUESTED"));
            }
            bookings.updateOne(Filters.eq("_id", 3L), Updates.set("status", "CONFIRMED"));
            bookings.deleteOne(Filters.eq("_id", "booking-a"));
        });
        withBookings(bookings -> {
            bookings.insertOne(new Document("_id", "after-restart").append("status", "REQUESTED"));
            assertThat(bookings.countDocuments()).isEqualTo(8);
            assertThat(bookings.find(Filters.eq("_id", 3L)).first().getString("status")).isEqualTo("CONFIRMED");
            assertThat(bookings.find(Filters.eq("_id", 2)).first()).isNotNull();
            assertThat(bookings.find(Filters.eq("_id", "new-4")).first()).isNotNull();
        });

        assertThat(idsInMapOrder()).containsExactly(2, 3L, "new-0", "new-1", "new-2", "new-3", "new-4", "after-restart");
        assertThat(positions()).containsExactly(2, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }
}
