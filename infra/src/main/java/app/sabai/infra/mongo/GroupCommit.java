package app.sabai.infra.mongo;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the on-disk store's {@link RedoLog} for many commands at once, and lets no answer leave the store before a
 * flush of the log that began after the answer was made. A command's changes are applied at once (a later command reads
 * them, as on MongoDB); what waits is the answer, so an acknowledged write survives a {@code kill -9} of the store.
 * <p>
 * The connection thread whose answer finds changes not yet in the log and no flush running writes them itself, then
 * answers. Answers made while it writes wait, and the next flush, for all of them together, is made on the thread of
 * the first of them. Alone, a command is answered on its own thread after one write of its own changes.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Held(ChannelHandlerContext context, Object answer, ChannelPromise promise) {
    }

    private final RedoLog redoLog;
    private final LongAdder flushes = new LongAdder();
    private final LongAdder heldAnswers = new LongAdder();
    private List<Held> waiting = new ArrayList<>();
    private boolean flushing;

    GroupCommit(RedoLog redoLog) {
        this.redoLog = redoLog;
    }

    /** The handler each client connection's pipeline gets, between the wire encoders and the command handler. */
    ChannelHandler gate() {
        return new Gate();
    }

    /** Writes of the log made for answers, and answers that waited for one: {@code serverStatus} reports both. */
    long flushes() {
        return flushes.sum();
    }

    long heldAnswers() {
        return heldAnswers.sum();
    }

    private void answer(ChannelHandlerContext context, Object answer, ChannelPromise promise) {
        boolean leads;
        synchronized (this) {
            if (flushing) {
                // It may have read a change the running flush has not written: it waits for the next one.
                waiting.add(new Held(context, answer, promise));
                heldAnswers.increment();
                return;
            }
            leads = flushing = redoLog.hasUnflushed();
        }
        if (!leads) {
            context.write(answer, promise);
            return;
        }
        heldAnswers.increment();
        lead(List.of(new Held(context, answer, promise)));
    }

    /**
     * One round: a flush for these answers, then the next round for those that waited meanwhile, led on the thread of
     * the first of them, so that under a steady load no connection thread flushes for the others for long while its
     * own connections wait to be read.
     */
    private void lead(List<Held> batch) {
        flushAndRelease(batch);
        List<Held> next;
        synchronized (this) {
            if (waiting.isEmpty()) {
                flushing = false;
                return;
            }
            next = waiting;
            waiting = new ArrayList<>();
        }
        try {
            next.getFirst().context().executor().execute(() -> lead(next));
        } catch (RejectedExecutionException closing) {
            lead(next);
        }
    }

    private void flushAndRelease(List<Held> batch) {
        try {
            if (redoLog.hasUnflushed()) {
                redoLog.flush();
                flushes.increment();
            }
        } catch (RuntimeException e) {
            // Not written, so not acknowledged: the clients see their connections close and try again.
            log.error("The store could not write its redo log; {} answers are withheld and their connections closed", batch.size(), e);
            batch.forEach(held -> {
                held.promise().tryFailure(e);
                held.context().channel().close();
            });
            return;
        }
        // Another connection's answer goes to its own thread; this connection's is written here.
        batch.forEach(held -> held.context().writeAndFlush(held.answer(), held.promise()));
    }

    private final class Gate extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object answer, ChannelPromise promise) {
            answer(context, answer, promise);
        }
    }
}
