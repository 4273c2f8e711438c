package app.sabai.infra.mongo;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Commits the on-disk store's changes for many commands at once, and lets no answer leave the store before a commit
 * that began after the answer was made. A command's changes are applied at once (a later command reads them, as on
 * MongoDB); what waits is the answer, so an acknowledged write survives a {@code kill -9} of the store.
 * <p>
 * One thread commits: answers made while it commits wait for its next commit, which covers all their changes together.
 * An MVStore commit writes a new chunk with every page a change touched, and the store's layout, so under load one
 * commit for many commands costs little more than one for a single command. Alone, a command waits for one commit, as
 * it did when each command committed its own changes.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Held(ChannelHandlerContext context, Object answer, ChannelPromise promise) {
    }

    private final MVStore store;
    private final ExecutorService committer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "store-commit");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder commits = new LongAdder();
    private final LongAdder heldAnswers = new LongAdder();
    private List<Held> waiting = new ArrayList<>();
    private boolean committing;

    GroupCommit(MVStore store) {
        this.store = store;
    }

    /** The handler each client connection's pipeline gets, between the wire encoders and the command handler. */
    ChannelHandler gate() {
        return new Gate();
    }

    /** Commits made for answers, and answers that waited for one: {@code serverStatus} reports both. */
    long commits() {
        return commits.sum();
    }

    long heldAnswers() {
        return heldAnswers.sum();
    }

    private boolean hold(ChannelHandlerContext context, Object answer, ChannelPromise promise) {
        synchronized (this) {
            // While a commit runs, an answer made now may have read a change that commit has not written yet.
            if (!committing && !store.hasUnsavedChanges()) {
                return false;
            }
            waiting.add(new Held(context, answer, promise));
            if (!committing) {
                committing = true;
                committer.execute(this::commitAndRelease);
            }
        }
        heldAnswers.increment();
        return true;
    }

    private void commitAndRelease() {
        while (true) {
            List<Held> batch;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    committing = false;
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
            }
            try {
                if (store.hasUnsavedChanges()) {
                    store.commit();
                    commits.increment();
                }
            } catch (RuntimeException e) {
                // Not written, so not acknowledged: the clients see their connections close and try again.
                log.error("The store could not commit; {} answers are withheld and their connections closed", batch.size(), e);
                batch.forEach(held -> {
                    held.promise().tryFailure(e);
                    held.context().channel().close();
                });
                continue;
            }
            batch.forEach(held -> held.context().writeAndFlush(held.answer(), held.promise()));
        }
    }

    @Override
    public void close() {
        committer.shutdown();
        try {
            if (!committer.awaitTermination(5, TimeUnit.SECONDS)) {
                committer.shutdownNow();
            }
        } catch (InterruptedException e) {
            committer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private final class Gate extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object answer, ChannelPromise promise) {
            if (!hold(context, answer, promise)) {
                context.write(answer, promise);
            }
        }
    }
}
