package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-protocol server (mongo-java-server) on a TCP port. With a data file it keeps its data
 * on disk (H2 MVStore) across restarts; without one it is in memory. Either way, queries that pin a
 * unique index are narrowed by it ({@link IndexNarrowing}).
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    /**
     * How long H2 lets changes wait before committing them on its own. Every command's changes are committed before it
     * is answered (see {@link NarrowingH2Backend#handleCommand}), so this only writes what changes between commands, such
     * as index rebuilds. H2's background thread wakes every third of it (10 ms at least) to look: at the 100 ms this
     * was, 30 times a second for nothing: half of the idle store's CPU.
     */
    private static final int COMMIT_DELAY_MILLIS = 3000;

    private final MongoServer server;
    private final String host;
    private final int port;

    private EmbeddedMongoStore(MongoServer server, String host, int port) {
        this.server = server;
        this.host = host;
        this.port = port;
    }

    public static EmbeddedMongoStore onDisk(String host, int port, Path dataFile) {
        try {
            Files.createDirectories(dataFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Uncompressed: LZF cost about as much CPU as encoding the documents (DocumentEncodingBenchmark), to save disk
        // space a local store does not lack. Pages an earlier version wrote compressed still read.
        MVStore mvStore = new MVStore.Builder()
                .fileName(dataFile.toAbsolutePath().toString())
                .open();
        mvStore.setAutoCommitDelay(COMMIT_DELAY_MILLIS);
        return start(new NarrowingH2Backend(mvStore), host, port);
    }

    public static EmbeddedMongoStore inMemory(String host, int port) {
        return start(new NarrowingMemoryBackend(), host, port);
    }

    private static EmbeddedMongoStore start(MongoBackend backend, String host, int port) {
        MongoServer server = new MongoServer(backend.version(StoreVersion.MONGO_4_4));
        server.bind(host, port);
        return new EmbeddedMongoStore(server, host, server.getLocalAddress().getPort());
    }

    public int port() {
        return port;
    }

    /** A connection string for one database, e.g. {@code mongodb://localhost:27017/booking}. */
    public String uri(String database) {
        return "mongodb://" + host + ":" + port + "/" + database;
    }

    @Override
    public void close() {
        // Closes the backend too; the on-disk store commits on close.
        server.shutdownNow();
    }
}
