package app.sabai.infra.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store opened after a crash mends what a command cut short between its document and its index keys left behind.
 * The tests write such a state into the file as a commit in the middle of a command would have left it, then leave the
 * redo log's folder with a segment in it, as a kill does.
 */
class CrashRepairTest {

    private static final String NAMESPACE = "booking.customers";

    @TempDir
    Path dataDirectory;

    private Path file() {
        return dataDirectory.resolve("store.mv");
    }

    private void withCustomers(Consumer<MongoCollection<Document>> work) {
        StoreFiles.withCollection(file(), "booking", "customers", work);
    }

    private static Document customer(Object id, String email) {
        return new Document("_id", id).append("email", email).append("status", "ACTIVE");
    }

    @BeforeEach
    void fiveCustomersStoredAndClosedCleanly() {
        withCustomers(customers -> {
            customers.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            customers.createIndex(Indexes.ascending("status"));
            customers.insertOne(customer("a", "a@example.com"));
            customers.insertOne(customer("b", "b@example.com"));
            customers.insertOne(customer("c", "c@example.com"));
            // Ids of other types, as stores written before keep them: none may be taken for a document cut short.
            customers.insertOne(customer(2, "two@example.com"));
            customers.insertOne(customer(3L, "three@example.com"));
        });
    }

    /** The state a commit in the middle of commands leaves, each then never answered. */
    private void commandsCutShort() {
        inTheFile((documents, ids, emails) -> {
            long next = (Long) documents.lastKey() + 1;
            // An insert of a new customer: the document, none of its keys.
            documents.put(next, stored(customer("e", "e@example.com")));
            // An insert of "a" cut short so, then sent again, which landed whole beside it.
            documents.put(next + 1, stored(customer("a", "a@example.com").append("status", "COPY")));
            // A delete of "b": its _id key removed (the index keys go first), its email key and document not yet.
            ids.remove(key("b"));
            // An update of "c"'s email to c2@: the email index moved, the document not yet changed.
            emails.put(key("c2@example.com"), emails.remove(key("c@example.com")));
            // A key whose document is gone, and a document's key pointing to one that is gone.
            ids.put(key("z"), 999L);
            emails.put(key("two@example.com"), 998L);
        });
    }

    private void leaveTheRedoLogAsAKillDoes() throws IOException {
        StoreFiles.leaveTheRedoLogAsAKillDoes(file());
    }

    @Test
    void afterACrashEachCommandCutShortIsEitherUndoneOrCompletedAndEveryIndexAgreesWithTheDocuments() throws IOException {
        commandsCutShort();
        leaveTheRedoLogAsAKillDoes();

        withCustomers(customers -> {
            assertThat(ids(customers.find())).as("a scan").containsExactly("a", "c", 2, 3L);
            assertThat(customers.find(Filters.eq("_id", "a")).first().getString("status")).isEqualTo("ACTIVE");
            assertThat(customers.countDocuments(Filters.eq("status", "COPY"))).as("through the status index").isZero();
            assertThat(ids(customers.find(Filters.eq("email", "c@example.com")))).containsExactly("c");
            assertThat(ids(customers.find(Filters.eq("email", "c2@example.com")))).isEmpty();
            assertThat(customers.find(Filters.eq("_id", 2)).first()).isNotNull();
            assertThat(ids(customers.find(Filters.eq("email", "two@example.com")))).containsExactly(2);
            assertThat(customers.find(Filters.eq("_id", 3L)).first()).isNotNull();

            assertThatThrownBy(() -> customers.insertOne(customer("c-again", "c@example.com"))).isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> customers.insertOne(customer("a", "another@example.com"))).isInstanceOf(MongoWriteException.class);
            customers.insertOne(customer("e", "e@example.com"));
            customers.insertOne(customer("b-new", "b@example.com"));
            customers.insertOne(customer("c2", "c2@example.com"));
            customers.insertOne(customer("z", "z@example.com"));
        });
        withCustomers(customers -> {
            assertThat(ids(customers.find())).as("after a clean restart").containsExactly("a", "c", 2, 3L, "e", "b-new", "c2", "z");
            assertThat(ids(customers.find(Filters.eq("email", "b@example.com")))).containsExactly("b-new");
        });
    }

    @Test
    void anIdIndexFoundAgreeingWithTheDocumentsIsKeptAndTheOtherIndexesAreStillMended() throws IOException {
        // An update of "c"'s email cut short after the email index moved: the _id index agrees with every document.
        inTheFile((documents, ids, emails) -> emails.put(key("c2@example.com"), emails.remove(key("c@example.com"))));
        leaveTheRedoLogAsAKillDoes();

        withCustomers(customers -> {
            assertThat(ids(customers.find())).containsExactly("a", "b", "c", 2, 3L);
            assertThat(ids(customers.find(Filters.eq("email", "c@example.com")))).containsExactly("c");
            assertThat(ids(customers.find(Filters.eq("email", "c2@example.com")))).isEmpty();
            assertThat(customers.find(Filters.eq("_id", 3L)).first()).isNotNull();
            assertThatThrownBy(() -> customers.insertOne(customer("b", "b-again@example.com"))).isInstanceOf(MongoWriteException.class);
            customers.insertOne(customer("c2", "c2@example.com"));
        });
    }

    /**
     * The look that removes documents cut short also tells whether the {@code _id} index holds each remaining document's
     * key at its document and nothing else: only then is the index not looked at again, key by key.
     */
    @Test
    void theOpenAfterACrashTellsWhetherTheIdIndexAgreesWithTheDocumentsItKeeps() {
        assertThat(idIndexAgreesAfterTheLook((documents, ids, emails) -> { })).as("nothing cut short").isTrue();
        assertThat(idIndexAgreesAfterTheLook((documents, ids, emails) -> ids.remove(key("b"))))
                .as("a delete cut short, its document removed by the look").isTrue();
        assertThat(idIndexAgreesAfterTheLook((documents, ids, emails) -> ids.put(key("z"), 999L)))
                .as("a key whose document is gone").isFalse();
        assertThat(idIndexAgreesAfterTheLook((documents, ids, emails) -> ids.put(key("c"), ids.get(key("a")))))
                .as("a document whose key points to another").isFalse();
    }

    private interface CutShort {
        void apply(MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents, MVMap<KeyValue, Object> ids, MVMap<KeyValue, Object> emails);
    }

    /** Writes what {@code cutShort} leaves into the file, as a commit in the middle of commands would. */
    private void inTheFile(CutShort cutShort) {
        MVStore store = new MVStore.Builder().fileName(file().toString()).open();
        try {
            cutShort.apply(DocumentFormat.openDataMap(store, DocumentFormat.DATA_PREFIX + NAMESPACE), keys(store, "_id_"), keys(store, "email_1"));
            store.commit();
        } finally {
            store.close();
        }
    }

    /** Each time on the five customers as stored cleanly, the file made again for the next. */
    private boolean idIndexAgreesAfterTheLook(CutShort cutShort) {
        if (!Files.exists(file())) {
            fiveCustomersStoredAndClosedCleanly();
        }
        MVStore store = new MVStore.Builder().fileName(file().toString()).open();
        try {
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = DocumentFormat.openDataMap(store, DocumentFormat.DATA_PREFIX + NAMESPACE);
            MVMap<KeyValue, Object> ids = keys(store, "_id_");
            cutShort.apply(documents, ids, keys(store, "email_1"));
            return NarrowingH2Backend.removeUnindexed(NAMESPACE, documents,
                    new StoredUniqueIndex(ids, "_id_", List.of(new IndexKey("_id", true)), false));
        } finally {
            store.closeImmediately();
            try {
                Files.delete(file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The full look is only made after a crash: a store closed cleanly opens as it was left. */
    @Test
    void aStoreClosedCleanlyIsOpenedWithoutTheLook() {
        commandsCutShort();

        withCustomers(customers -> assertThat(ids(customers.find())).as("a scan finds the copy").filteredOn("a"::equals).hasSize(2));
    }

    private static MVMap<KeyValue, Object> keys(MVStore store, String index) {
        return StoredUniqueIndex.openMap(store, StoredUniqueIndex.mapName(NAMESPACE, index));
    }

    private static KeyValue key(Object value) {
        return new KeyValue(List.of(value));
    }

    private static de.bwaldvogel.mongo.bson.Document stored(Document document) {
        de.bwaldvogel.mongo.bson.Document stored = new de.bwaldvogel.mongo.bson.Document();
        for (Map.Entry<String, Object> field : document.entrySet()) {
            stored.put(field.getKey(), field.getValue());
        }
        return stored;
    }

    private static List<Object> ids(Iterable<Document> found) {
        List<Object> ids = new ArrayList<>();
        found.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }
}
