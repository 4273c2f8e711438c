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
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The on-disk store's unique indexes keep their keys in {@link StoredKeyType} maps, and a store whose unique indexes
 * mongo-java-server's plain {@link H2Backend} wrote (keys Java-serialized, maps {@code <db>.<collection>._index_<index>})
 * is converted when it opens — also when an earlier conversion was cut off, which these tests reproduce by committing
 * the state a crash would have left.
 */
class StoredUniqueIndexTest {

    private static final int DUPLICATE_KEY = 11000;
    private static final ObjectId OBJECT_ID = new ObjectId("65a1b2c3d4e5f60718293a4b");
    private static final String BOOKINGS_ID_INDEX = "booking.bookings._index__id_";
    private static final String BOOKINGS_KEY_INDEX = "booking.bookings._index_idempotencyKey_1";

    @TempDir
    Path dataDirectory;

    private Path file() {
        return dataDirectory.resolve("store.mv");
    }

    private static Document booking(Object id, int i) {
        return new Document("_id", id).append("idempotencyKey", "key-" + i).append("version", 0)
                .append("requestedAt", Date.from(Instant.parse("2026-11-29T10:00:00Z").plusSeconds(i)));
    }

    /** 20 bookings ({@code _id} strings, one ObjectId, one number) with a unique idempotency key, and 3 days. */
    private static void fill(MongoClient client) {
        MongoCollection<Document> bookings = client.getDatabase("booking").getCollection("bookings");
        bookings.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
        for (int i = 0; i < 18; i++) {
            bookings.insertOne(booking("booking-" + i, i));
        }
        bookings.insertOne(booking(OBJECT_ID, 18));
        bookings.insertOne(booking(19, 19));
        MongoCollection<Document> days = client.getDatabase("therapist").getCollection("days");
        for (int i = 0; i < 3; i++) {
            days.insertOne(new Document("_id", "day-" + i));
        }
    }

    /** Writes {@link #fill} with mongo-java-server's plain H2 backend, as the store was before its keys were typed. */
    private void writeJavaSerializedKeys() {
        MongoServer server = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file().toString()).open()));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            fill(client);
        } finally {
            server.shutdownNow();
        }
    }

    private void withStore(Consumer<MongoClient> work) {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, file());
             MongoClient client = MongoClients.create(store.uri("booking"))) {
            work.accept(client);
        }
    }

    private static MongoCollection<Document> bookings(MongoClient client) {
        return client.getDatabase("booking").getCollection("bookings");
    }

    private List<String> mapNames() {
        return StoreFiles.mapNames(file());
    }

    /** The keys of a unique index's map, read as the store reads them. */
    private List<KeyValue> keys(String collectionNamespace, String indexName) {
        return StoreFiles.read(file(), store ->
                List.copyOf(StoredUniqueIndex.openMap(store, StoredUniqueIndex.mapName(collectionNamespace, indexName)).keySet()));
    }

    private static void assertDuplicateKey(Runnable insert) {
        assertThatThrownBy(insert::run).isInstanceOfSatisfying(MongoWriteException.class,
                e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
    }

    /** Finds by {@code _id} and by the unique key, and refuses a second document with either. */
    private static void assertIndexesWork(MongoClient client) {
        MongoCollection<Document> bookings = bookings(client);
        assertThat(bookings.find(Filters.eq("_id", "booking-3")).first()).isEqualTo(booking("booking-3", 3));
        assertThat(bookings.find(Filters.eq("_id", OBJECT_ID)).first()).isEqualTo(booking(OBJECT_ID, 18));
        assertThat(bookings.find(Filters.eq("_id", 19L)).first()).isEqualTo(booking(19, 19));
        assertThat(bookings.find(Filters.eq("idempotencyKey", "key-7")).first()).isEqualTo(booking("booking-7", 7));
        assertThat(bookings.find(Filters.eq("_id", "booking-99")).first()).isNull();
        assertDuplicateKey(() -> bookings.insertOne(booking("booking-5", 100)));
        assertDuplicateKey(() -> bookings.insertOne(booking(OBJECT_ID, 101)));
        assertDuplicateKey(() -> bookings.insertOne(booking(19.0, 102)));
        assertDuplicateKey(() -> bookings.insertOne(booking("booking-again", 4)));
        assertThat(bookings.countDocuments()).isEqualTo(20);
    }

    @Test
    void keysOfEveryKindKeepTheirUniquenessAcrossARestart() {
        withStore(StoredUniqueIndexTest::fill);

        withStore(client -> {
            assertIndexesWork(client);
            MongoCollection<Document> slots = client.getDatabase("therapist").getCollection("slots");
            slots.createIndex(Indexes.ascending("branchId", "startsAt"), new IndexOptions().unique(true));
            slots.insertOne(new Document("branchId", "liverpool").append("startsAt", Date.from(Instant.parse("2026-12-01T10:00:00Z"))));
        });

        withStore(client -> {
            assertIndexesWork(client);
            MongoCollection<Document> slots = client.getDatabase("therapist").getCollection("slots");
            assertDuplicateKey(() -> slots.insertOne(new Document("branchId", "liverpool")
                    .append("startsAt", Date.from(Instant.parse("2026-12-01T10:00:00Z")))));
            slots.insertOne(new Document("branchId", "liverpool").append("startsAt", Date.from(Instant.parse("2026-12-01T11:00:00Z"))));
        });
        assertThat(mapNames()).noneMatch(name -> name.contains(StoredUniqueIndex.JAVA_SERIALIZED_MAP_INFIX));
        assertThat(keys("booking.bookings", "_id_")).hasSize(20);
    }

    @Test
    void aStoreWithJavaSerializedKeysIsConvertedAndKeepsItsUniqueConstraints() {
        writeJavaSerializedKeys();
        assertThat(mapNames()).contains(BOOKINGS_ID_INDEX, BOOKINGS_KEY_INDEX, "therapist.days._index__id_");

        withStore(client -> {
            assertIndexesWork(client);
            MongoCollection<Document> bookings = bookings(client);
            assertThat(bookings.updateOne(Filters.and(Filters.eq("_id", "booking-4"), Filters.eq("version", 0)),
                    Updates.inc("version", 1)).getModifiedCount()).isEqualTo(1);
            bookings.insertOne(booking("booking-20", 20));
        });

        assertThat(mapNames()).noneMatch(name -> name.contains(StoredUniqueIndex.JAVA_SERIALIZED_MAP_INFIX));
        assertThat(keys("booking.bookings", "_id_")).hasSize(21).contains(new KeyValue(19.0), new KeyValue("booking-20"));
        assertThat(keys("booking.bookings", "idempotencyKey_1")).hasSize(21).contains(new KeyValue("key-20"));
        assertThat(keys("therapist.days", "_id_")).containsExactly(new KeyValue("day-0"), new KeyValue("day-1"), new KeyValue("day-2"));
        withStore(client -> {
            assertDuplicateKey(() -> bookings(client).insertOne(booking("booking-20", 21)));
            assertDuplicateKey(() -> bookings(client).insertOne(booking("booking-21", 20)));
            assertThat(bookings(client).find(Filters.eq("_id", "booking-4")).first()).containsEntry("version", 1);
        });
    }

    /**
     * The {@code _id} index's copy was cut off with a key it should not have; the unique key's copy was complete but its
     * old map not yet removed.
     */
    @Test
    void aConversionCutOffIsMadeAgainAtTheNextOpen() {
        writeJavaSerializedKeys();
        MVStore store = MVStore.open(file().toString());
        MVMap<KeyValue, Object> oldIds = store.openMap(BOOKINGS_ID_INDEX);
        MVMap<KeyValue, Object> partialIds = StoredUniqueIndex.openMap(store, StoredUniqueIndex.mapName("booking.bookings", "_id_"));
        partialIds.put(oldIds.firstKey(), oldIds.get(oldIds.firstKey()));
        partialIds.put(new KeyValue("booking-ghost"), "booking-ghost");
        MVMap<KeyValue, Object> oldKeys = store.openMap(BOOKINGS_KEY_INDEX);
        StoredUniqueIndex.openMap(store, StoredUniqueIndex.mapName("booking.bookings", "idempotencyKey_1")).putAll(oldKeys);
        store.close();

        withStore(client -> {
            assertIndexesWork(client);
            bookings(client).insertOne(booking("booking-ghost", 20));
        });
        assertThat(mapNames()).noneMatch(name -> name.contains(StoredUniqueIndex.JAVA_SERIALIZED_MAP_INFIX));
        assertThat(keys("booking.bookings", "_id_")).hasSize(21);
        assertThat(keys("booking.bookings", "idempotencyKey_1")).hasSize(21);
    }

    @Test
    void aDroppedIndexCollectionOrDatabaseLeavesNoKeysBehind() {
        withStore(client -> {
            fill(client);
            MongoCollection<Document> bookings = bookings(client);
            bookings.dropIndex("idempotencyKey_1");
            bookings.deleteOne(Filters.eq("_id", "booking-3"));
            bookings.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
            bookings.insertOne(booking("booking-3-again", 3));
            client.getDatabase("therapist").getCollection("days").drop();
            client.getDatabase("therapist").getCollection("rooms").insertOne(new Document("_id", "room-1"));
        });
        assertThat(mapNames()).contains("therapist.rooms._keys__id_").noneMatch(name -> name.startsWith("therapist.days."));

        withStore(client -> {
            assertDuplicateKey(() -> bookings(client).insertOne(booking("booking-3-twice", 3)));
            client.getDatabase("therapist").drop();
        });
        assertThat(mapNames()).noneMatch(name -> name.startsWith("therapist."));
    }

    /**
     * Keys found lately answer from memory ({@link RecentKeys}): whatever a document's keys become, and wherever a document
     * made again lands, each find, refusal and change answers as a model of the collection says, before and after a restart.
     */
    @Test
    void keysAnswerAsTheDocumentsNowAreThroughChangesDeletesAndRestarts() {
        Map<String, String> emailById = new HashMap<>();
        Random random = new Random(1202);
        int[] refused = {0};
        for (int run = 0; run < 2; run++) {
            withStore(client -> {
                MongoCollection<Document> customers = client.getDatabase("booking").getCollection("customers");
                customers.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
                for (int step = 0; step < 1_500; step++) {
                    String id = "customer-" + random.nextInt(25);
                    String email = "guest-" + random.nextInt(25) + "@example.com";
                    switch (random.nextInt(5)) {
                        case 0 -> {
                            boolean taken = emailById.containsKey(id) || emailById.containsValue(email);
                            if (taken) {
                                refused[0]++;
                                assertDuplicateKey(() -> customers.insertOne(new Document("_id", id).append("email", email)));
                            } else {
                                customers.insertOne(new Document("_id", id).append("email", email));
                                emailById.put(id, email);
                            }
                        }
                        case 1 -> {
                            String owner = ownerOf(emailById, email);
                            if (owner != null && !owner.equals(id) && emailById.containsKey(id)) {
                                refused[0]++;
                                assertDuplicateKey(() -> customers.updateOne(Filters.eq("_id", id), Updates.set("email", email)));
                            } else {
                                long matched = customers.updateOne(Filters.eq("_id", id), Updates.set("email", email)).getMatchedCount();
                                assertThat(matched).isEqualTo(emailById.containsKey(id) ? 1 : 0);
                                emailById.computeIfPresent(id, (ignored, before) -> email);
                            }
                        }
                        case 2 -> {
                            boolean byId = random.nextBoolean();
                            String holder = byId ? (emailById.containsKey(id) ? id : null) : ownerOf(emailById, email);
                            long deleted = (byId ? customers.deleteOne(Filters.eq("_id", id))
                                    : customers.deleteOne(Filters.eq("email", email))).getDeletedCount();
                            assertThat(deleted).as("%s or %s at step %d", id, email, step).isEqualTo(holder == null ? 0 : 1);
                            if (holder != null) {
                                emailById.remove(holder);
                            }
                        }
                        default -> {
                            Document byId = customers.find(Filters.eq("_id", id)).first();
                            assertThat(byId == null ? null : byId.getString("email")).as("%s at step %d", id, step)
                                    .isEqualTo(emailById.get(id));
                            Document byEmail = customers.find(Filters.eq("email", email)).first();
                            assertThat(byEmail == null ? null : byEmail.getString("_id")).as("%s at step %d", email, step)
                                    .isEqualTo(ownerOf(emailById, email));
                        }
                    }
                }
                assertThat(customers.countDocuments()).isEqualTo(emailById.size());
            });
        }
        assertThat(refused[0]).isGreaterThan(100);
        assertThat(keys("booking.customers", "email_1")).hasSize(emailById.size());
    }

    private static String ownerOf(Map<String, String> emailById, String email) {
        return emailById.entrySet().stream().filter(entry -> entry.getValue().equals(email)).map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
