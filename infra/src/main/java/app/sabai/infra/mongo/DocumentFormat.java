package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;

/**
 * Which encoding the on-disk store's documents are in. A collection's documents live in the map
 * {@code databases.<database>.<collection>} (mongo-java-server's name, keyed by {@code _id}); since format 1 its values
 * are {@link StoredDocumentType}, before that Java-serialized. {@link #upgrade} converts a store of the earlier format
 * once, when it opens, before any database is opened; the meta maps keep H2's default encoding, and the unique indexes
 * convert their own maps as they open ({@link StoredUniqueIndex}).
 * <p>
 * The upgrade survives a crash at any point, because a commit (synced to disk) separates every step that depends on an
 * earlier one:
 * <ol>
 *   <li>without the format mark, every {@code databases.*} map is of the earlier format: each is renamed
 *       {@code javaSerialized:databases.*}, and only then is the mark set;</li>
 *   <li>with the mark, each {@code javaSerialized:*} map is copied, converted, into a fresh {@code databases.*} map
 *       (a partial copy from an interrupted run is dropped first), and removed only once the copy is committed.</li>
 * </ol>
 */
final class DocumentFormat {

    static final String DATA_PREFIX = "databases.";
    static final String LEGACY_PREFIX = "javaSerialized:";
    static final String FORMAT_MAP = "sabai:format";
    static final String DOCUMENTS = "documents";
    static final int COMPACT = 1;

    private DocumentFormat() {
    }

    /** A collection's documents in a map that records no changes ({@link StoreMaps#documents} does). */
    static MVMap<Object, Document> openDataMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Document>().keyType(new PositionKeyType()).valueType(StoredDocumentType.INSTANCE));
    }

    /** Brings the store's documents to the current format; returns the store, for a constructor's {@code super} call. */
    static MVStore upgrade(StoreMaps maps) {
        MVStore store = maps.store();
        MVMap<String, Object> format = store.openMap(FORMAT_MAP);
        if (!Integer.valueOf(COMPACT).equals(format.get(DOCUMENTS))) {
            for (String name : mapNames(store, DATA_PREFIX)) {
                store.renameMap(store.openMap(name), LEGACY_PREFIX + name);
            }
            durably(store);
            format.put(DOCUMENTS, COMPACT);
            durably(store);
        }
        for (String legacyName : mapNames(store, LEGACY_PREFIX)) {
            String name = legacyName.substring(LEGACY_PREFIX.length());
            if (store.hasMap(name)) {
                store.removeMap(name);
            }
            MVMap<Object, Document> legacy = store.openMap(legacyName);
            MVMap<Object, Document> converted = maps.documents(name);
            for (Map.Entry<Object, Document> entry : legacy.entrySet()) {
                converted.put(entry.getKey(), entry.getValue());
            }
            durably(store);
            store.removeMap(legacy);
            durably(store);
        }
        return store;
    }

    /** Commits, and makes the file hold it even if the machine, not just the process, goes down next. */
    static void durably(MVStore store) {
        store.commit();
        store.sync();
    }

    private static List<String> mapNames(MVStore store, String prefix) {
        return store.getMapNames().stream().filter(name -> name.startsWith(prefix)).sorted().toList();
    }
}
