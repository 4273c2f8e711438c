package app.sabai.infra.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonBinarySubType;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;

import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The on-disk store keeps every BSON type across a restart, and opens a store written in the earlier format (Java
 * serialization, as mongo-java-server's plain {@link H2Backend} writes it) by converting it once — also when an
 * earlier conversion was cut off, which these tests reproduce by committing the state a crash would have left.
 */
class DocumentFormatTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dataDirectory;

    /** Every BSON type a client can store, with nested documents and arrays. */
    private static Document everyType(String id) {
        return new Document("_id", id)
                .append("objectId", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("string", "Sabai สบาย — ☕")
                .append("int", -42).append("long", 1_700_000_000_000L).append("double", 3.25)
                .append("decimal", new Decimal128(new BigDecimal("-1234.5678")))
                .append("true", true).append("false", false).append("null", null)
                .append("date", Date.from(NOW)).append("beforeEpoch", Date.from(Instant.parse("1931-03-04T05:06:07.008Z")))
                .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, bytes(16, 1)))
                .append("legacyUuid", new Binary(BsonBinarySubType.UUID_LEGACY, bytes(16, 2)))
                .append("binary", new Binary(bytes(40, 3)))
                .append("timestamp", new BsonTimestamp(1_764_410_400, 7))
                .append("regex", new BsonRegularExpression("^spa-[0-9]+$", "i"))
                .append("code", new Code("function () { return 1; }"))
                .append("min", new MinKey()).append("max", new MaxKey())
                .append("nested", new Document("therapistId", "t-1").append("deeper", new Document("at", Date.from(NOW))))
                .append("array", List.of("a", 1, new Document("k", "v"), List.of(), Arrays.asList(null, 2.5)));
    }

    /** A booking-like document: a unique idempotency key, a due time for a range index, an outbox. */
    private static Document booking(int i) {
        return everyType("booking-" + i)
                .append("idempotencyKey", "key-" + i)
                .append("dueAt", Date.from(NOW.plusSeconds(60L * i)))
                .append("version", i % 3)
                .append("outbox", List.of(new Document("eventId", "e-" + i).append("payload", "x".repeat(i))));
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }

    private Path file() {
        return dataDirectory.resolve("store.mv");
    }

    /**
     * Writes, with mongo-java-server's plain H2 backend on a compressed file as the store used to make it, 20 bookings
     * and 5 days in two collections with their indexes.
     */
    private void writeEarlierFormat() {
        MongoServer server = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file().toString()).compress().open()));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            MongoDatabase database = client.getDatabase("booking");
            MongoCollection<Document> bookings = database.getCollection("bookings");
            bookings.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
            bookings.createIndex(Indexes.ascending("dueAt"), new IndexOptions().sparse(true));
            for (int i = 0; i < 20; i++) {
                bookings.insertOne(booking(i));
            }
            MongoCollection<Document> days = client.getDatabase("therapist").getCollection("days");
            for (int i = 0; i < 5; i++) {
                days.insertOne(new Document("_id", "day-" + i).append("sessions", List.of(new Document("from", Date.from(NOW)))));
            }
        } finally {
            server.shutdownNow();
        }
    }

    /** Everything in the two collections, in order. */
    private static Map<String, List<Document>> contents(MongoClient client) {
        Map<String, List<Document>> contents = new TreeMap<>();
        contents.put("bookings", client.getDatabase("booking").getCollection("bookings").find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        contents.put("days", client.getDatabase("therapist").getCollection("days").find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        return contents;
    }

    private void withStore(Consumer<MongoClient> work) {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.onDisk("localhost", 0, file());
             MongoClient client = MongoClients.create(store.uri("booking"))) {
            work.accept(client);
        }
    }

    private static Map<String, List<Document>> expectedBookingsAndDays() {
        List<Document> bookings = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bookings.add(booking(i));
        }
        bookings.sort((a, b) -> a.getString("_id").compareTo(b.getString("_id")));
        List<Document> days = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            days.add(new Document("_id", "day-" + i).append("sessions", List.of(new Document("from", Date.from(NOW)))));
        }
        return Map.of("bookings", bookings, "days", days);
    }

    private List<String> mapNames() {
        return StoreFiles.mapNames(file());
    }

    @Test
    void everyBsonTypeReadsBackEqualAfterTheStoreReopens() {
        Document[] stamped = new Document[1];
        withStore(client -> {
            MongoCollection<Document> docs = client.getDatabase("types").getCollection("all");
            docs.insertOne(everyType("all"));
            docs.updateOne(Filters.eq("_id", "all"), Updates.currentDate("stampedAt"));
            stamped[0] = docs.find(Filters.eq("_id", "all")).first();
        });

        withStore(client -> {
            Document read = client.getDatabase("types").getCollection("all").find(Filters.eq("_id", "all")).first();
            assertThat(read).isEqualTo(stamped[0]);
            read.remove("stampedAt");
            assertThat(read).isEqualTo(everyType("all"));
        });
    }

    @Test
    void aStoreOfTheEarlierFormatIsConvertedOnceAndKeepsWorking() {
        writeEarlierFormat();

        withStore(client -> {
            assertThat(contents(client)).isEqualTo(expectedBookingsAndDays());
            MongoCollection<Document> bookings = client.getDatabase("booking").getCollection("bookings");
            assertThatThrownBy(() -> bookings.insertOne(new Document("_id", "booking-again").append("idempotencyKey", "key-3")))
                    .isInstanceOf(MongoWriteException.class);
            assertThat(bookings.find(Filters.lt("dueAt", Date.from(NOW.plusSeconds(120)))).into(new ArrayList<>()))
                    .extracting(document -> document.getString("_id")).containsExactlyInAnyOrder("booking-0", "booking-1");
            assertThat(bookings.updateOne(Filters.and(Filters.eq("_id", "booking-4"), Filters.eq("version", 1)),
                    Updates.combine(Updates.inc("version", 1), Updates.set("status", "CONFIRMED"))).getModifiedCount()).isEqualTo(1);
            bookings.insertOne(booking(20));
        });

        assertThat(mapNames()).noneMatch(name -> name.startsWith(DocumentFormat.LEGACY_PREFIX));
        withStore(client -> {
            Map<String, List<Document>> contents = contents(client);
            assertThat(contents.get("bookings")).hasSize(21).contains(booking(20));
            assertThat(contents.get("bookings")).filteredOn(document -> document.getString("_id").equals("booking-4"))
                    .singleElement().satisfies(document -> {
                        assertThat(document.getInteger("version")).isEqualTo(2);
                        assertThat(document.getString("status")).isEqualTo("CONFIRMED");
                    });
            assertThat(contents.get("days")).isEqualTo(expectedBookingsAndDays().get("days"));
        });
    }

    @Test
    void aConversionCutOffWhileRenamingTheOldMapsCompletesAtTheNextOpen() {
        writeEarlierFormat();
        MVStore store = MVStore.open(file().toString());
        String first = store.getMapNames().stream().filter(name -> name.startsWith(DocumentFormat.DATA_PREFIX)).sorted().findFirst().orElseThrow();
        store.renameMap(store.openMap(first), DocumentFormat.LEGACY_PREFIX + first);
        store.close();

        withStore(client -> assertThat(contents(client)).isEqualTo(expectedBookingsAndDays()));
        assertThat(mapNames()).noneMatch(name -> name.startsWith(DocumentFormat.LEGACY_PREFIX));
    }

    @Test
    void aConversionCutOffWhileCopyingCompletesAtTheNextOpen() {
        writeEarlierFormat();
        MVStore store = MVStore.open(file().toString());
        List<String> dataMaps = store.getMapNames().stream().filter(name -> name.startsWith(DocumentFormat.DATA_PREFIX)).toList();
        for (String name : dataMaps) {
            store.renameMap(store.openMap(name), DocumentFormat.LEGACY_PREFIX + name);
        }
        store.openMap(DocumentFormat.FORMAT_MAP).put(DocumentFormat.DOCUMENTS, DocumentFormat.COMPACT);
        String bookings = DocumentFormat.DATA_PREFIX + "booking.bookings";
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> old = store.openMap(DocumentFormat.LEGACY_PREFIX + bookings);
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> partial = DocumentFormat.openDataMap(store, bookings);
        Object firstKey = old.firstKey();
        partial.put(firstKey, old.get(firstKey));
        store.close();

        withStore(client -> assertThat(contents(client)).isEqualTo(expectedBookingsAndDays()));
        assertThat(mapNames()).noneMatch(name -> name.startsWith(DocumentFormat.LEGACY_PREFIX));
    }
}
