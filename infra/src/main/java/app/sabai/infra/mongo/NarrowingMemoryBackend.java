package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.List;

/**
 * The in-memory backend (used by tests) with {@link IndexNarrowing} and {@link RangeIndex}es, answering {@code hello}
 * ({@link HelloCommand}) and reporting its {@link ScanStatistics} and the {@link CommandCounts commands it received} in
 * {@code serverStatus}, as the on-disk store does.
 */
public class NarrowingMemoryBackend extends MemoryBackend {

    private final ScanStatistics statistics = new ScanStatistics();
    private final CommandCounts commands = new CommandCounts();

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        commands.received(command);
        if (HelloCommand.matches(command)) {
            return HelloCommand.answer(other -> super.handleCommand(channel, databaseName, other, query));
        }
        if (CountDocumentsCommand.matches(command, query)) {
            return CountDocumentsCommand.answer(databaseName, query, count -> super.handleCommand(channel, databaseName, "count", count));
        }
        Document answer = super.handleCommand(channel, databaseName, command, query);
        return "serverStatus".equalsIgnoreCase(command) ? commands.addTo(statistics.addTo(answer)) : answer;
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry(), statistics);
    }

    private static final class Database extends MemoryDatabase {

        private final ScanStatistics statistics;

        Database(String databaseName, CursorRegistry cursorRegistry, ScanStatistics statistics) {
            super(databaseName, cursorRegistry);
            this.statistics = statistics;
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return keys.size() == 1 ? new RangeIndex<>(indexName, keys) : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
    }

    /**
     * Reads its database's statistics when it queries, not when it is made: MemoryDatabase opens its own system
     * collections from inside its constructor, before the subclass has set the field.
     */
    private static final class Collection extends MemoryCollection {

        private final Database owner;

        Collection(Database database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
            this.owner = database;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            ScanStatistics statistics = owner.statistics;
            Iterable<Integer> candidates = IndexNarrowing.candidates(getIndexes(), query);
            if (candidates == null) {
                statistics.collectionScan(count());
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            return matchDocuments(query, statistics.counted(candidates), orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
