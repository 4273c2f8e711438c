package app.sabai.infra.mongo;

import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A MongoDB-wire-protocol server (mongo-java-server) on a TCP port. With a data file it keeps its data
 * on disk (H2 MVStore) across restarts; without one it is in memory. Either way, queries that pin a
 * unique index are narrowed by it ({@link IndexNarrowing}).
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    /**
     * How long H2 lets changes wait before committing them on its own. Every command's changes are in the redo log before
     * it is answered ({@link GroupCommit}), and a checkpoint commits them within {@link RedoLog#CHECKPOINT_INTERVAL}, so
     * H2's own commit is left for a checkpoint that could not be made. Its background thread wakes every third of this
     * (10 ms at least) for its housekeeping, the compaction of the file: at the 100 ms this once was, 30 times a second
     * for nothing, half of the idle store's CPU.
     */
    private static final int COMMIT_DELAY_MILLIS = 15_000;

    /**
     * How many KB of changed pages (by H2's estimate) H2 holds before committing on the writer's own thread. Its default
     * scales with the heap (16 MB at the store's 256 MB); a fixed bound keeps what a checkpoint holds the same whatever
     * the heap. Between checkpoints the changes of two busy seconds are held in memory, and the checkpoint commits them.
     */
    private static final int UNSAVED_KB_BEFORE_COMMIT = 8 * 1024;

    /**
     * At most this many keys in a page of the file (H2's default is 48). A commit writes each page a change touched whole,
     * from the leaf to its map's root: for one changed document, 22 KB at 48 keys, 16 KB at 16 (StoreCommitBenchmark), so
     * the file grows and the disk is written a quarter less. The CPU per write did not separate the settings. Fewer keys
     * save more bytes but make the trees deeper.
     */
    private static final int KEYS_PER_PAGE = 16;

    private final StoreServer server;
    private final String host;

    private EmbeddedMongoStore(StoreServer server, String host) {
        this.server = server;
        this.host = host;
    }

    public static EmbeddedMongoStore onDisk(String host, int port, Path dataFile) {
        return onDisk(host, port, dataFile, UnaryOperator.identity());
    }

    static EmbeddedMongoStore onDisk(String host, int port, Path dataFile, UnaryOperator<MVStore.Builder> tuning) {
        try {
            Files.createDirectories(dataFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Uncompressed: LZF cost about as much CPU as encoding the documents (DocumentEncodingBenchmark), to save disk
        // space a local store does not lack. Pages an earlier version wrote compressed still read.
        MVStore mvStore = tuning.apply(new MVStore.Builder()
                .fileName(dataFile.toAbsolutePath().toString())
                .keysPerPage(KEYS_PER_PAGE)
                .autoCommitBufferSize(UNSAVED_KB_BEFORE_COMMIT))
                .open();
        mvStore.setAutoCommitDelay(COMMIT_DELAY_MILLIS);
        NarrowingH2Backend backend = new NarrowingH2Backend(StoreMaps.recovered(mvStore, dataFile));
        backend.version(StoreVersion.MONGO_4_4);
        return new EmbeddedMongoStore(new StoreServer(backend, host, port, Optional.of(backend::answerGate)), host);
    }

    public static EmbeddedMongoStore inMemory(String host, int port) {
        NarrowingMemoryBackend backend = new NarrowingMemoryBackend();
        backend.version(StoreVersion.MONGO_4_4);
        return new EmbeddedMongoStore(new StoreServer(backend, host, port, Optional.empty()), host);
    }

    public int port() {
        return server.port();
    }

    /** A connection string for one database, e.g. {@code mongodb://localhost:27017/booking}. */
    public String uri(String database) {
        return "mongodb://" + host + ":" + port() + "/" + database;
    }

    @Override
    public void close() {
        server.close();
    }
}
