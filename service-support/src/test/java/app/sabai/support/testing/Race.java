package app.sabai.support.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work started at once, as concurrent requests or deliveries arrive: every task waits at one gate, which opens once all
 * of them are handed to their threads. The answers come back in the tasks' order; a task that fails fails the race.
 */
public final class Race {

    private static final long WAIT_MINUTES = 2;

    private Race() {
    }

    /** Each task on a thread of its own. */
    public static <T> List<T> atOnce(List<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException, TimeoutException {
        return atOnce(tasks, tasks.size());
    }

    /** The same task {@code times} times, each on a thread of its own. */
    public static <T> List<T> atOnce(int times, Callable<T> task) throws InterruptedException, ExecutionException, TimeoutException {
        return atOnce(Collections.nCopies(times, task));
    }

    /** The tasks on {@code threads} threads: beyond the first {@code threads}, each starts as a thread comes free. */
    public static <T> List<T> atOnce(List<? extends Callable<T>> tasks, int threads)
            throws InterruptedException, ExecutionException, TimeoutException {
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> task : tasks) {
                running.add(pool.submit(() -> {
                    gate.await();
                    return task.call();
                }));
            }
            gate.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : running) {
                answers.add(future.get(WAIT_MINUTES, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
