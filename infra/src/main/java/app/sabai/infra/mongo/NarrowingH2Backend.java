package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The on-disk (H2 MVStore) backend with {@link IndexNarrowing} and {@link RangeIndex}es (kept in memory, rebuilt when
 * the store opens), its documents encoded by {@link StoredDocumentType} and its unique indexes keyed by
 * {@link StoredKeyType} ({@link StoredUniqueIndex}), answering {@code hello} ({@link HelloCommand}), committing for
 * many commands at once ({@link GroupCommit}) and reporting its {@link ScanStatistics}, commits and the
 * {@link CommandCounts commands it received} in {@code serverStatus}.
 */
public class NarrowingH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(NarrowingH2Backend.class);

    /** H2Database opens its existing collections from inside its constructor, before a subclass field is set. */
    private static final ThreadLocal<Opening> OPENING = new ThreadLocal<>();

    /** What a command does with the documents its query finds, and so what copy of them it is given (Collection#queryDocuments). */
    private enum Finding {
        /** A {@code find} or a {@code count} only reads them: the documents the maps hold. */
        READ,
        /**
         * An {@code update}, a {@code findAndModify} or a {@code delete}: an update replaces the fields of the document it
         * found, with values of a deep copy it made and changed, and reads the rest: a copy of the top level.
         */
        FIELDS_REPLACED,
        /** Anything else (an aggregation's stages may change what they are given at any depth): a deep copy. */
        ANY
    }

    private static final Map<String, Finding> FINDINGS = Map.of("find", Finding.READ, "count", Finding.READ,
            "update", Finding.FIELDS_REPLACED, "findandmodify", Finding.FIELDS_REPLACED, "delete", Finding.FIELDS_REPLACED);
    /** The finding of the command that runs on this thread. */
    private static final ThreadLocal<Finding> FINDING = ThreadLocal.withInitial(() -> Finding.ANY);

    /** H2Backend opens the stored databases from inside its constructor, before a subclass field is set. */
    private static final ThreadLocal<StoreMaps> CONSTRUCTING = new ThreadLocal<>();

    private record Opening(StoreMaps maps, ScanStatistics statistics) {
    }

    private final StoreMaps maps;

    /** Made on first use: H2Backend opens the stored databases from its constructor, before a field initialiser runs. */
    private ScanStatistics statistics;

    /** Made on first use, for the same reason. */
    private GroupCommit groupCommit;

    private final CommandCounts commands = new CommandCounts();

    /**
     * Opens the store's databases, after converting documents of an earlier {@link DocumentFormat}, with the maps that
     * {@code maps} opens (their redo log replayed first: {@link RedoLog#recover}). Served only with its
     * {@link #answerGate()} in every connection ({@link EmbeddedMongoStore}): nothing else writes the log for an answer.
     */
    NarrowingH2Backend(StoreMaps maps) {
        super(constructing(maps));
        this.maps = maps;
        CONSTRUCTING.remove();
        maps.opened();
    }

    private static MVStore constructing(StoreMaps maps) {
        CONSTRUCTING.set(maps);
        return DocumentFormat.upgrade(maps);
    }

    private StoreMaps maps() {
        return maps != null ? maps : CONSTRUCTING.get();
    }

    /**
     * The gate each client connection's answers pass: none leaves before the redo log holds what it may have read or
     * written ({@link GroupCommit}). H2's own background commit ran every 100 ms, and a killed store lost what it had
     * acknowledged since; then every command committed its own changes before it was answered, and now its changes are
     * in the log.
     */
    ChannelHandler answerGate() {
        return groupCommit().gate();
    }

    private synchronized GroupCommit groupCommit() {
        if (groupCommit == null) {
            groupCommit = new GroupCommit(maps().redoLog());
        }
        return groupCommit;
    }

    /** Stops the checkpoints; H2Backend's close commits everything, after which the redo log is no longer needed. */
    @Override
    public void close() {
        maps().redoLog().stopCheckpoints();
        super.close();
        maps().redoLog().close();
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        commands.received(command);
        if (HelloCommand.matches(command)) {
            return HelloCommand.answer(other -> super.handleCommand(channel, databaseName, other, query));
        }
        if (CountDocumentsCommand.matches(command, query)) {
            return CountDocumentsCommand.answer(databaseName, query, count -> handle(channel, databaseName, "count", count));
        }
        Document answer = handle(channel, databaseName, command, query);
        if ("serverStatus".equalsIgnoreCase(command)) {
            answer.put("groupCommit", new Document("flushes", groupCommit().flushes())
                    .append("heldAnswers", groupCommit().heldAnswers())
                    .append("checkpoints", maps().redoLog().checkpoints()));
            return commands.addTo(statistics().addTo(answer));
        }
        return answer;
    }

    private Document handle(Channel channel, String databaseName, String command, Document query) {
        Finding finding = FINDINGS.getOrDefault(command.toLowerCase(Locale.ROOT), Finding.ANY);
        if (finding == Finding.ANY) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        FINDING.set(finding);
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            FINDING.set(Finding.ANY);
        }
    }

    private ScanStatistics statistics() {
        if (statistics == null) {
            statistics = new ScanStatistics();
        }
        return statistics;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        OPENING.set(new Opening(maps(), statistics()));
        try {
            return new Database(databaseName, maps(), getCursorRegistry(), statistics());
        } finally {
            OPENING.remove();
        }
    }

    /**
     * After a crash, removes each document its {@code _id} index has no key for, and each copy of a document the index
     * points elsewhere for. mongo-java-server writes a new document before its index keys, and removes a document after
     * them, and a commit of the store (a checkpoint, or H2's own) may fall between the two. The redo log then completes
     * the command, unless the store was killed before its answer: left so, an insert's document lay without its keys,
     * seen by scans, and sent again, the insert landed beside it. So an insert cut short that way is undone, and a
     * delete is completed, as a command never answered may be either. Runs before the collection's in-memory indexes
     * are built from its documents. Answers whether the {@code _id} index then holds each document's key at its
     * document and no other key: it has been looked at whole, and needs no {@link StoredUniqueIndex#repair}.
     */
    static boolean removeUnindexed(String namespace, MVMap<Object, Document> dataMap, StoredUniqueIndex ids) {
        int removed = 0;
        long belonging = 0;
        boolean allBelong = true;
        for (Map.Entry<Object, Document> entry : dataMap.entrySet()) {
            Object indexed = ids.getPosition(entry.getValue());
            if (entry.getKey().equals(indexed)) {
                belonging++;
                continue;
            }
            Document there = indexed == null ? null : dataMap.get(indexed);
            // A key that points to another document is the index's to mend (StoredUniqueIndex.repair).
            if (indexed == null || there != null && Objects.equals(there.get("_id"), entry.getValue().get("_id"))) {
                dataMap.remove(entry.getKey());
                removed++;
            } else {
                allBelong = false;
            }
        }
        if (removed > 0) {
            log.warn("After a crash, {}: removed {} document(s) the _id index had no key for (an insert or a delete cut short)",
                    namespace, removed);
        }
        return allBelong && ids.getCount() == belonging;
    }

    private static final class Database extends H2Database {

        private StoreMaps maps;
        private ScanStatistics statistics;

        Database(String databaseName, StoreMaps maps, CursorRegistry cursorRegistry, ScanStatistics statistics) {
            super(databaseName, maps.store(), cursorRegistry);
            this.maps = maps;
            this.statistics = statistics;
        }

        private Opening opening() {
            return maps != null ? new Opening(maps, statistics) : OPENING.get();
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            Opening opening = opening();
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = opening.maps().documents(DocumentFormat.DATA_PREFIX + fullName);
            MVMap<String, Object> metaMap = opening.maps().meta(StoreMaps.META_PREFIX + fullName);
            boolean idIndexAgrees = opening.maps().openingAfterCrash() && StoredUniqueIndex.storedIdIndex(opening.maps(), fullName)
                    .map(ids -> removeUnindexed(fullName, dataMap, ids)).orElse(false);
            return new Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry, opening.statistics(), opening.maps(),
                    idIndexAgrees);
        }

        /**
         * mongo-java-server looks a collection up and makes it when it is not there in two steps, unguarded: two first
         * writes to a new collection at once each made a collection object of the same map and kept the second. Each held
         * its own in-memory range indexes and counted its own positions, so the first write could be given a position
         * the second then took.
         */
        @Override
        protected MongoCollection<Object> resolveOrCreateCollection(String collectionName) {
            MongoCollection<Object> existing = resolveCollection(collectionName, false);
            if (existing != null) {
                return existing;
            }
            synchronized (this) {
                return super.resolveOrCreateCollection(collectionName);
            }
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return StoredUniqueIndex.open(opening().maps(), getFullCollectionNamespace(collectionName), indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            maps.redoLog().aroundMapRemoval(() -> {
                super.dropIndex(collection, indexName);
                maps.store().removeMap(StoredUniqueIndex.mapName(getFullCollectionNamespace(collection.getCollectionName()), indexName));
            });
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            maps.redoLog().aroundMapRemoval(() -> super.dropCollection(collectionName, oplog));
        }

        @Override
        public void drop(Oplog oplog) {
            maps.redoLog().aroundMapRemoval(() -> super.drop(oplog));
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            maps.redoLog().aroundMapRemoval(() -> super.moveCollection(oldDatabase, collection, newCollectionName));
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return keys.size() == 1 ? new RangeIndex<>(indexName, keys) : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
    }

    private static final class Collection extends H2Collection {

        private static final int SIZE_SAMPLE = 100;

        private final MVMap<Object, Document> dataMap;
        private final ScanStatistics statistics;
        private final AtomicLong lastPosition;
        private final StoreMaps maps;
        /** After a crash, whether opening the collection found its {@code _id} index agreeing with its documents. */
        private final boolean idIndexAgrees;

        Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                   MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry,
                   ScanStatistics statistics, StoreMaps maps, boolean idIndexAgrees) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
            this.dataMap = dataMap;
            this.statistics = statistics;
            this.maps = maps;
            this.idIndexAgrees = idIndexAgrees;
            this.lastPosition = new AtomicLong(lastPositionIn(dataMap));
        }

        /**
         * After a crash, a stored unique index is mended against the documents before it is used ({@link StoredUniqueIndex#repair}),
         * but for an {@code _id} index the collection's opening already found agreeing with every document.
         */
        @Override
        public void addIndex(Index<Object> index) {
            if (maps.openingAfterCrash() && index instanceof StoredUniqueIndex stored && !stored.isEmpty()
                    && !(idIndexAgrees && stored.isIdIndex())) {
                StoredUniqueIndex.Repair repair = stored.repair(dataMap, this);
                if (repair.changedAnything()) {
                    log.warn("After a crash, index {} of {}: removed {} key(s) no document had, added {} missing, {} document(s) whose key another holds",
                            index.getName(), getFullName(), repair.removed(), repair.added(), repair.conflicting());
                }
            }
            super.addIndex(index);
        }

        /**
         * A new document goes after every other one in its map: its position is the next number, where mongo-java-server
         * takes its {@code _id}. The platform's ids are random, so each document it made landed in a page of its own, and a
         * checkpoint writes every page a change touched, whole: it encoded about sixteen documents for every one that
         * changed. A document changes most in the seconds after it is made (a booking is decided, its events pulled, its
         * customer told), so in the order they were made the changes of a checkpoint share a few pages at the end of the
         * map. Documents stored before keep their {@code _id} as their position; every lookup reaches a document through
         * its indexes (the {@code _id} index included) or a scan, never by its id alone.
         */
        @Override
        protected Object addDocumentInternal(Document document) {
            while (true) {
                Long position = lastPosition.incrementAndGet();
                if (dataMap.putIfAbsent(position, document) == null) {
                    return position;
                }
                // Only another object of this collection's map gives positions (see resolveOrCreateCollection): go past its.
                lastPosition.accumulateAndGet(lastPositionIn(dataMap), Math::max);
            }
        }

        /**
         * mongo-java-server keeps a byte count of every collection for {@code collStats} and {@code dbStats}: each insert,
         * update and delete encoded the documents it wrote (before and after) as BSON to measure them, and wrote the
         * count back into the collection's meta data, a change of its own for the redo log. That was 6 % of the store at
         * 50 bookings a second, for a figure nothing in the platform reads. The size is estimated when asked instead.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        /** The documents' encoded size, estimated from the first {@value #SIZE_SAMPLE} of them: a look that does not grow with the data. */
        @Override
        protected int getDataSize() {
            if (dataMap == null) {
                // Asked from H2Collection's constructor (for a debug line), before this class's fields are set.
                return 0;
            }
            long count = dataMap.sizeAsLong();
            long sampled = 0;
            long bytes = 0;
            for (Document document : dataMap.values()) {
                bytes += StoredDocumentType.encodedSize(document);
                if (++sampled == SIZE_SAMPLE) {
                    break;
                }
            }
            return sampled == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, bytes * count / sampled);
        }

        /**
         * The last position given: H2 orders keys of different types by type, {@code long} after the smaller integer
         * types and before every other, so the greatest key up to {@link Long#MAX_VALUE} is the last position given, or the
         * {@code long} {@code _id} of a document stored before. A key of any other type never equals a position.
         */
        private static long lastPositionIn(MVMap<Object, Document> dataMap) {
            return dataMap.floorKey(Long.MAX_VALUE) instanceof Long last ? last : 0L;
        }

        /**
         * The documents found are what the command that asked for them may change ({@link Finding}). An update changes the
         * document a query found in place before putting it back, and the document the map holds is the one its page
         * holds: changed in place, it could be changed while the store's background writer encodes that page, which then
         * fails and closes the store. So a {@code find} or a {@code count} is given the documents the maps hold. An update
         * (also of a {@code findAndModify}) is given a copy of each document's top level: mongo-java-server's update reads
         * the document, computes the new one from a deep copy, then removes and puts top-level fields of what it was given,
         * the values put being the new document's own; nothing below the top level it was given is changed. A delete only
         * reads. Everything else gets deep copies, as mongo-java-server gives them.
         */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            Iterable<Object> candidates = IndexNarrowing.candidates(getIndexes(), query);
            QueryResult found;
            if (candidates == null) {
                statistics.collectionScan(count());
                found = super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            } else {
                found = matchDocuments(query, statistics.counted(candidates), orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            UnaryOperator<Document> copy = switch (FINDING.get()) {
                case READ -> null;
                case FIELDS_REPLACED -> Document::clone;
                case ANY -> Document::cloneDeeply;
            };
            if (copy == null) {
                return found;
            }
            List<Document> copies = new ArrayList<>();
            found.forEach(document -> copies.add(copy.apply(document)));
            return new QueryResult(copies, found.getCursorId());
        }
    }
}
