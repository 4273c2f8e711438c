package app.sabai.infra.mongo;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The on-disk store's redo log: what makes an answered write survive a {@code kill -9} of the store without an MVStore
 * commit per answer. An MVStore commit writes every page a change touched, whole, with its parents and the store's
 * layout (16 KB for one changed document, §4.7 of BENCHMARKS.md); the log writes the changed entry alone.
 * <p>
 * Every change to a store map ({@link StoreMaps.LoggedMap}) appends the key's value as it is after the change, or its
 * removal, to a buffer. Before an answer leaves the store the buffer is written to the current segment file
 * ({@link #flush}, led by {@link GroupCommit}). About every {@link #CHECKPOINT_INTERVAL} a checkpoint starts a new
 * segment, commits the MVStore, syncs it to disk and deletes the segments before the new one. When the store opens, the
 * segments left are replayed in order into the maps, then committed and deleted ({@link #recover}).
 * <p>
 * Replaying is safe from any committed state: each entry holds a whole value, and the value logged for a key is read
 * after its change, under the same lock that orders the entries. So the last entry of a key is its latest value, and
 * replaying entries whose changes a commit already holds puts back what the later entries then overwrite. What removes or
 * renames a map (dropping a collection, a database or an index, renaming a collection) is not logged: it runs between two
 * checkpoints ({@link #aroundMapRemoval}), so no segment left holds an entry for a map as it was before.
 * <p>
 * Like the commits before it, the log is written, not synced: an answered write survives the store's process being
 * killed, and a checkpoint's sync, every two seconds or so, is what survives the machine going down.
 */
final class RedoLog implements AutoCloseable {

    /** How long changes wait in the log before a checkpoint commits them: about as much as a restart replays. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(RedoLog.class);

    private static final String SEGMENT_SUFFIX = ".redo";
    private static final byte PUT = 1;
    private static final byte REMOVE = 2;
    private static final byte CLEAR = 3;
    /** A frame's length and checksum, before its entries. */
    private static final int FRAME_HEADER = 8;

    private final Path directory;
    private final MVStore store;
    private final Object appendLock = new Object();
    private final Object flushLock = new Object();
    private final Object checkpointLock = new Object();
    private final LongAdder checkpoints = new LongAdder();

    /** Guarded by appendLock. */
    private WriteBuffer pending = new WriteBuffer(64 * 1024);
    /** Guarded by appendLock: set by the first change after a checkpoint began, which wakes the checkpoint thread. */
    private boolean changedSinceCheckpoint;
    /** Entries appended, and entries written to a segment: written under their locks, read without. */
    private volatile long appended;
    private volatile long flushed;
    private volatile boolean recording;
    private volatile boolean running;
    /** Written under checkpointLock only. */
    private volatile int mapLayout;

    /** Guarded by flushLock. */
    private WriteBuffer spare = new WriteBuffer(64 * 1024);
    private FileChannel segment;
    private long segmentNumber;
    private IOException failure;

    private Thread checkpointer;

    private RedoLog(Path directory, MVStore store) {
        this.directory = directory;
        this.store = store;
    }

    /** The log of the store file {@code dataFile}, in the folder beside it: {@code store.mv} keeps {@code store.mv.redo/}. */
    static RedoLog beside(Path dataFile, MVStore store) {
        Path directory = dataFile.resolveSibling(dataFile.getFileName() + SEGMENT_SUFFIX);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RedoLog(directory, store);
    }

    /**
     * Replays what the segments left by the last run hold into the maps {@code maps} opens, commits and syncs it, deletes
     * them, and starts recording into a new segment. Replay stops at the first frame that is cut short or does not match
     * its checksum: only the last frame written before the machine went down can be so, and it was never answered.
     *
     * @return whether the last run left segments: it did not stop cleanly
     */
    boolean recover(StoreMaps maps) {
        List<Path> segments = segments();
        long entries = 0;
        long frames = 0;
        replaying:
        for (Path file : segments) {
            ByteBuffer bytes = ByteBuffer.wrap(read(file));
            while (bytes.hasRemaining()) {
                ByteBuffer frame = frame(bytes);
                if (frame == null) {
                    log.warn("The store's redo log {} ends in a frame cut short at byte {}; replay stops there", file, bytes.position());
                    break replaying;
                }
                frames++;
                entries += replay(frame, maps);
            }
        }
        if (!segments.isEmpty()) {
            DocumentFormat.durably(store);
            segments.forEach(RedoLog::delete);
            log.info("Replayed {} changes in {} frames of the store's redo log", entries, frames);
        }
        synchronized (flushLock) {
            segmentNumber = segments.isEmpty() ? 1 : number(segments.getLast()) + 1;
            segment = open(segmentNumber);
        }
        recording = true;
        running = true;
        checkpointer = Thread.ofPlatform().daemon().name("store-checkpoint").start(this::checkpointWhenChanged);
        return !segments.isEmpty();
    }

    /**
     * Records the value {@code key} has in {@code map} now, after a change: its removal if it has none. {@code name} is
     * the map's name, which the caller keeps ({@link #mapLayout}) rather than have MVStore look it up for every entry.
     */
    <K> void changed(MVMap<K, ?> map, String name, K key) {
        if (!recording) {
            return;
        }
        synchronized (appendLock) {
            Object value = map.get(key);
            WriteBuffer buffer = pending;
            buffer.put(value == null ? REMOVE : PUT);
            writeName(buffer, name);
            writeTyped(buffer, map, key, value);
            appendedOne();
        }
    }

    /** Records that the map named {@code name} was emptied. */
    void cleared(String name) {
        if (!recording) {
            return;
        }
        synchronized (appendLock) {
            pending.put(CLEAR);
            writeName(pending, name);
            appendedOne();
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void writeTyped(WriteBuffer buffer, MVMap<K, V> map, Object key, Object value) {
        map.getKeyType().write(buffer, (K) key);
        if (value != null) {
            map.getValueType().write(buffer, (V) value);
        }
    }

    private void appendedOne() {
        appended++;
        if (!changedSinceCheckpoint) {
            changedSinceCheckpoint = true;
            appendLock.notifyAll();
        }
    }

    /** True while changes are recorded that no segment holds yet. */
    boolean hasUnflushed() {
        return appended != flushed;
    }

    /**
     * Writes what was recorded so far to the current segment, as one frame. After a failed write the log can no longer
     * say what the store holds, so every later flush fails too: the store answers nothing more until it is restarted,
     * and the restart replays what was written before the failure.
     */
    void flush() {
        synchronized (flushLock) {
            if (failure != null) {
                throw new UncheckedIOException("The store's redo log could not be written earlier", failure);
            }
            WriteBuffer batch;
            long upTo;
            synchronized (appendLock) {
                upTo = appended;
                if (upTo == flushed) {
                    return;
                }
                batch = pending;
                pending = spare;
            }
            try {
                writeFrame(batch);
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException("The store's redo log could not be written", e);
            }
            batch.clear();
            spare = batch;
            flushed = upTo;
        }
    }

    private void writeFrame(WriteBuffer batch) throws IOException {
        ByteBuffer entries = batch.getBuffer();
        entries.flip();
        CRC32C checksum = new CRC32C();
        checksum.update(entries.duplicate());
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER).putInt(entries.remaining()).putInt((int) checksum.getValue()).flip();
        ByteBuffer[] frame = {header, entries};
        while (header.hasRemaining() || entries.hasRemaining()) {
            segment.write(frame);
        }
    }

    /**
     * Starts a new segment, commits the store and syncs it, then deletes the segments before the new one: every change
     * they hold was made before the commit began, since a change is recorded after it is made.
     */
    void checkpoint() {
        synchronized (checkpointLock) {
            long finished;
            synchronized (appendLock) {
                changedSinceCheckpoint = false;
            }
            synchronized (flushLock) {
                flush();
                finished = segmentNumber;
                close(segment);
                segment = open(++segmentNumber);
            }
            DocumentFormat.durably(store);
            checkpoints.increment();
            segments().stream().filter(file -> number(file) <= finished).forEach(RedoLog::delete);
        }
    }

    /**
     * Runs what removes or renames maps between two checkpoints, so that no segment left afterwards names a map as it was
     * before. If the store is killed between them, neither the change nor what was recorded meanwhile is lost: the
     * change was not answered, and is undone with the replay.
     */
    void aroundMapRemoval(Runnable change) {
        synchronized (checkpointLock) {
            checkpoint();
            try {
                change.run();
            } finally {
                mapLayout++;
            }
            checkpoint();
        }
    }

    /**
     * Changes whenever maps may have been removed or renamed ({@link #aroundMapRemoval}): a map's name kept from an
     * earlier value may be stale. Entries recorded under a stale name before the change is seen are in the segment the
     * second checkpoint deletes.
     */
    int mapLayout() {
        return mapLayout;
    }

    /** Checkpoints made since the store opened: {@code serverStatus} reports them. */
    long checkpoints() {
        return checkpoints.sum();
    }

    /**
     * Waits for a change, lets the interval pass, checkpoints; and again. Waits on the append lock rather than sleeping,
     * so that stopping wakes it without an interrupt: an interrupt closes a file channel the thread is writing.
     */
    private void checkpointWhenChanged() {
        while (true) {
            try {
                synchronized (appendLock) {
                    while (running && !changedSinceCheckpoint) {
                        appendLock.wait();
                    }
                    long due = System.nanoTime() + CHECKPOINT_INTERVAL.toNanos();
                    for (long left = CHECKPOINT_INTERVAL.toNanos(); running && left > 0; left = due - System.nanoTime()) {
                        appendLock.wait(Math.max(1, left / 1_000_000));
                    }
                    if (!running) {
                        return;
                    }
                }
            } catch (InterruptedException stopping) {
                return;
            }
            try {
                checkpoint();
            } catch (RuntimeException e) {
                // The segments stay, so nothing is lost; the next checkpoint tries again.
                log.error("The store could not make a checkpoint; its redo log is kept and replayed if it stops now", e);
            }
        }
    }

    /** Stops checkpointing; the store's own close then commits everything, and {@link #close} deletes the segments. */
    void stopCheckpoints() {
        synchronized (appendLock) {
            running = false;
            appendLock.notifyAll();
        }
        if (checkpointer != null) {
            try {
                checkpointer.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** After the store closed cleanly, having committed everything: no segment is needed any more. */
    @Override
    public void close() {
        synchronized (flushLock) {
            close(segment);
            segment = null;
        }
        segments().forEach(RedoLog::delete);
    }

    private long replay(ByteBuffer frame, StoreMaps maps) {
        long entries = 0;
        while (frame.hasRemaining()) {
            byte kind = frame.get();
            MVMap<Object, Object> map = maps.byName(DataUtils.readString(frame));
            switch (kind) {
                case PUT -> {
                    Object key = map.getKeyType().read(frame);
                    map.put(key, map.getValueType().read(frame));
                }
                case REMOVE -> map.remove(map.getKeyType().read(frame));
                case CLEAR -> map.clear();
                default -> throw new IllegalStateException("The store's redo log holds an entry of unknown kind " + kind);
            }
            entries++;
        }
        return entries;
    }

    /** The next frame's entries, or null if it is cut short or its checksum does not match. */
    private static ByteBuffer frame(ByteBuffer bytes) {
        if (bytes.remaining() < FRAME_HEADER) {
            return null;
        }
        int length = bytes.getInt();
        int expected = bytes.getInt();
        if (length < 0 || bytes.remaining() < length) {
            return null;
        }
        ByteBuffer entries = bytes.slice(bytes.position(), length);
        bytes.position(bytes.position() + length);
        CRC32C checksum = new CRC32C();
        checksum.update(entries.duplicate());
        return (int) checksum.getValue() == expected ? entries : null;
    }

    private static void writeName(WriteBuffer buffer, String name) {
        buffer.putVarInt(name.length()).putStringData(name, name.length());
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SEGMENT_SUFFIX))
                    .sorted((a, b) -> Long.compare(number(a), number(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
    }

    private FileChannel open(long number) {
        try {
            return FileChannel.open(directory.resolve("%012d%s".formatted(number, SEGMENT_SUFFIX)),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
