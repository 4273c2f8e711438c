package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the on-disk store's maps, each of the type its name says, as maps whose every change is recorded in the
 * store's {@link RedoLog}. A map stays open once opened, and MVStore hands the same map to every later
 * {@code openMap} of its name, so mongo-java-server's own lookups of a map get the recording one too.
 */
final class StoreMaps {

    /** H2Database's own map prefix for a collection's meta data, which it keeps package-private. */
    static final String META_PREFIX = "meta.";

    private final MVStore store;
    private final RedoLog redoLog;
    private volatile boolean openingAfterCrash;

    private StoreMaps(MVStore store, RedoLog redoLog) {
        this.store = store;
        this.redoLog = redoLog;
    }

    /** The maps of the store file {@code dataFile}, opened by MVStore as {@code store}, its redo log replayed first. */
    static StoreMaps recovered(MVStore store, Path dataFile) {
        StoreMaps maps = new StoreMaps(store, RedoLog.beside(dataFile, store));
        maps.openingAfterCrash = maps.redoLog.recover(maps);
        return maps;
    }

    /**
     * Whether the store's collections are being opened after a run that stopped without closing the store (its redo log
     * was left behind): until {@link #opened}.
     */
    boolean openingAfterCrash() {
        return openingAfterCrash;
    }

    void opened() {
        openingAfterCrash = false;
    }

    MVStore store() {
        return store;
    }

    RedoLog redoLog() {
        return redoLog;
    }

    /** A collection's documents ({@code databases.<database>.<collection>}), keyed by their positions. */
    MVMap<Object, Document> documents(String name) {
        return store.openMap(name, new Recording<Object, Document>().keyType(new PositionKeyType()).valueType(StoredDocumentType.INSTANCE));
    }

    /** A collection's meta data ({@code meta.<database>.<collection>}). */
    MVMap<String, Object> meta(String name) {
        return store.openMap(name, new Recording<>());
    }

    /** A unique index's keys ({@link StoredUniqueIndex#mapName}). */
    MVMap<KeyValue, Object> uniqueKeys(String name) {
        return store.openMap(name, new Recording<KeyValue, Object>().keyType(StoredKeyType.INSTANCE));
    }

    /** The map of this name, opened as the kind its name says: what a replay of the redo log writes into. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    MVMap<Object, Object> byName(String name) {
        MVMap map;
        if (name.startsWith(DocumentFormat.DATA_PREFIX)) {
            map = documents(name);
        } else if (name.startsWith(META_PREFIX)) {
            map = meta(name);
        } else if (StoredUniqueIndex.isKeysMap(name)) {
            map = uniqueKeys(name);
        } else {
            map = store.openMap(name, new Recording<>());
        }
        return map;
    }

    private final class Recording<K, V> extends MVMap.BasicBuilder<MVMap<K, V>, K, V> {

        @Override
        public Recording<K, V> keyType(DataType<? super K> type) {
            setKeyType(type);
            return this;
        }

        @Override
        public Recording<K, V> valueType(DataType<? super V> type) {
            setValueType(type);
            return this;
        }

        @Override
        protected MVMap<K, V> create(Map<String, Object> config) {
            return new LoggedMap<>(config, getKeyType(), getValueType(), redoLog);
        }
    }

    /** An MVStore map that records each change in the redo log after making it. */
    static final class LoggedMap<K, V> extends MVMap<K, V> {

        private record Name(int mapLayout, String name) {
        }

        private final RedoLog redoLog;
        /** MVStore looks a map's name up in its metadata and parses it on every call: kept until maps are renamed. */
        private volatile Name name = new Name(-1, null);

        LoggedMap(Map<String, Object> config, DataType<K> keyType, DataType<V> valueType, RedoLog redoLog) {
            super(config, keyType, valueType);
            this.redoLog = redoLog;
        }

        /** Every put, remove, replace and put-if-absent of MVMap comes through here. */
        @Override
        public V operate(K key, V value, DecisionMaker<? super V> decisionMaker) {
            V previous = super.operate(key, value, decisionMaker);
            redoLog.changed(this, name(), key);
            return previous;
        }

        @Override
        public void clear() {
            super.clear();
            redoLog.cleared(name());
        }

        private String name() {
            Name kept = name;
            int layout = redoLog.mapLayout();
            if (kept.mapLayout() != layout) {
                kept = new Name(layout, getName());
                name = kept;
            }
            return kept.name();
        }
    }
}
