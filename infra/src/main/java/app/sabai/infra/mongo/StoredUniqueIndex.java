package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;

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

    private final MVMap<KeyValue, Object> positions;

    StoredUniqueIndex(MVMap<KeyValue, Object> positions, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.positions = positions;
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

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return positions.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return positions.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return positions.get(keyValue);
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
