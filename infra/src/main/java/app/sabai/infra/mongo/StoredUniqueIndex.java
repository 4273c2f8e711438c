package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A unique index of the on-disk store, {@code _id} included: mongo-java-server's {@code H2UniqueIndex} (whose
 * constructor is package-private), with its keys typed by {@link StoredKeyType}. The index lives in the map
 * {@code <database>.<collection>._keys_<index>}.
 * <p>
 * H2UniqueIndex kept the same keys Java-serialized in {@code <database>.<collection>._index_<index>}. {@link #open}
 * converts such a map into the new one when it finds it, and survives a crash at any point: the old map is removed only
 * after the new one is complete and committed (synced to disk), and while the old map exists, a new map found beside it
 * is an interrupted copy, dropped and made again.
 */
final class StoredUniqueIndex extends AbstractUniqueIndex<Object> {

    static final String JAVA_SERIALIZED_MAP_INFIX = "._index_";
    private static final String MAP_INFIX = "._keys_";
    private static final String ID_INDEX = "_id_";
    /**
     * The keys whose positions are kept in memory besides the map. A lookup in the map is a binary search of a page at
     * each level of its B-tree, comparing keys: 17 % of the store at 50 bookings a second, where most commands find a
     * document written or read moments before (a booking is inserted, its event pulled, it is decided, its next event
     * pulled), and an update asks each unique index again for the position of the document its own query found. A key
     * looked for and not found is kept as absent until it is added: every key enters the map through
     * {@link #putKeyPosition}.
     */
    static final int RECENT_KEYS = 4096;

    private final MVMap<KeyValue, Object> positions;
    private final RecentKeys recent = new RecentKeys(RECENT_KEYS);

    StoredUniqueIndex(MVMap<KeyValue, Object> positions, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.positions = positions;
    }

    /** The {@code _id} index of a collection ({@code <database>.<collection>}) as stored, if it is. */
    static Optional<StoredUniqueIndex> storedIdIndex(StoreMaps maps, String collectionNamespace) {
        String mapName = mapName(collectionNamespace, ID_INDEX);
        return maps.store().hasMap(mapName)
                ? Optional.of(new StoredUniqueIndex(maps.uniqueKeys(mapName), ID_INDEX, List.of(new IndexKey("_id", true)), false))
                : Optional.empty();
    }

    boolean isIdIndex() {
        return ID_INDEX.equals(getName());
    }

    static String mapName(String collectionNamespace, String indexName) {
        return collectionNamespace + MAP_INFIX + indexName;
    }

    static boolean isKeysMap(String mapName) {
        return mapName.contains(MAP_INFIX);
    }

    /** An index's keys in a map that records no changes ({@link StoreMaps#uniqueKeys} does). */
    static MVMap<KeyValue, Object> openMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(StoredKeyType.INSTANCE));
    }

    /** Opens the index of a collection ({@code <database>.<collection>}), converting H2UniqueIndex's map of it first. */
    static StoredUniqueIndex open(StoreMaps maps, String collectionNamespace, String name, List<IndexKey> keys, boolean sparse) {
        MVStore store = maps.store();
        String mapName = mapName(collectionNamespace, name);
        String javaSerializedName = collectionNamespace + JAVA_SERIALIZED_MAP_INFIX + name;
        if (store.hasMap(javaSerializedName)) {
            store.removeMap(mapName);
            MVMap<KeyValue, Object> javaSerialized = store.openMap(javaSerializedName);
            MVMap<KeyValue, Object> converted = maps.uniqueKeys(mapName);
            for (Map.Entry<KeyValue, Object> entry : javaSerialized.entrySet()) {
                converted.put(entry.getKey(), entry.getValue());
            }
            DocumentFormat.durably(store);
            store.removeMap(javaSerialized);
            DocumentFormat.durably(store);
        }
        return new StoredUniqueIndex(maps.uniqueKeys(mapName), name, keys, sparse);
    }

    /**
     * After a crash, makes the index agree with the collection's {@code documents}, which are taken as they are: adds the
     * key of each document the index misses (an insert or an update cut short before it), and removes each key whose
     * position holds no document, or one without that key (a delete or an update cut short after the index changed). A
     * document whose key another document holds is left and counted. The documents are read once, in the order they lie,
     * with a lookup of the index for each; the keys are read, each with a lookup of its document, only when more of them
     * remain than documents they belong to. Looking documents up in the keys' order read the whole collection's pages over
     * and over: 10 s to open a collection of 100,000 bookings.
     */
    synchronized Repair repair(MVMap<Object, Document> documents, MongoCollection<Object> collection) {
        int removed = 0;
        int added = 0;
        int conflicting = 0;
        long belonging = 0;
        for (Map.Entry<Object, Document> entry : documents.entrySet()) {
            Object position = entry.getKey();
            Document document = entry.getValue();
            Set<KeyValue> keys = getKeyValues(document);
            Object indexed = positionOf(keys, document);
            if (indexed != null && !indexed.equals(position) && !holds(documents.get(indexed), keys)) {
                // The key is left from a document gone or changed since: it is this document's.
                Object stale = indexed;
                keys.forEach(key -> removeKey(key, stale));
                removed++;
                indexed = null;
            }
            if (indexed == null) {
                try {
                    add(document, position, collection);
                } catch (MongoServerException taken) {
                    conflicting++;
                }
                // A document a sparse index leaves out is not added.
                indexed = positionOf(keys, document);
                added += position.equals(indexed) ? 1 : 0;
            } else if (!indexed.equals(position)) {
                conflicting++;
            }
            belonging += position.equals(indexed) ? 1 : 0;
        }
        if (positions.sizeAsLong() > belonging) {
            for (Map.Entry<KeyValue, Object> entry : positions.entrySet()) {
                Document document = documents.get(entry.getValue());
                if (document == null || !getKeyValues(document).contains(entry.getKey())) {
                    removeKey(entry.getKey(), entry.getValue());
                    removed++;
                }
            }
        }
        return new Repair(removed, added, conflicting);
    }

    private void removeKey(KeyValue key, Object position) {
        recent.forget(key);
        positions.remove(key, position);
    }

    /** The position the index gives the document of these keys: one lookup for a single key (no array among the fields). */
    private Object positionOf(Set<KeyValue> keys, Document document) {
        return keys.size() == 1 ? positions.get(keys.iterator().next()) : getPosition(document);
    }

    /** Whether {@code holder} (null: none) has every one of {@code keys} in this index. */
    private boolean holds(Document holder, Set<KeyValue> keys) {
        return holder != null && getKeyValues(holder).containsAll(keys);
    }

    /** What {@link #repair} changed, and the documents it could not index. */
    record Repair(int removed, int added, int conflicting) {

        boolean changedAnything() {
            return removed > 0 || added > 0 || conflicting > 0;
        }
    }

    // The map is changed only below and in repair, under this index's lock, each change told to what RecentKeys keeps.

    @Override
    protected synchronized Object removeDocument(KeyValue keyValue) {
        recent.forget(keyValue);
        return positions.remove(keyValue);
    }

    @Override
    protected synchronized boolean putKeyPosition(KeyValue keyValue, Object position) {
        Object stored = Missing.ofNullable(position);
        boolean added = positions.putIfAbsent(keyValue, stored) == null;
        if (added) {
            recent.keep(keyValue, stored);
        }
        return added;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected synchronized Object getPosition(KeyValue keyValue) {
        Object known = recent.positionOf(keyValue);
        if (known != null) {
            return known == RecentKeys.ABSENT ? null : known;
        }
        Object position = positions.get(keyValue);
        recent.keep(keyValue, position);
        return position;
    }

    @Override
    public long getCount() {
        return positions.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
