package io.rarakoon.node;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link Scheduler}: a single-threaded executor, in a node the event-loop thread it
 * shares with its client and peer connections. A task that throws stops the node: an exception out
 * of the loop is a broken invariant (STYLE.md §9), so it is handed to the failure handler instead
 * of being swallowed by the executor.
 */
public final class ThreadScheduler implements Scheduler {
    private final ScheduledExecutorService executor;
    private final Thread.UncaughtExceptionHandler onFailure;

    /**
     * @param executor runs every task on one thread, in submission order; its owner shuts it down
     * @param onFailure called on that thread with any exception a task throws
     */
    public ThreadScheduler(
            ScheduledExecutorService executor, Thread.UncaughtExceptionHandler onFailure) {
        this.executor = executor;
        this.onFailure = onFailure;
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> future =
                executor.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                onFailure.uncaughtException(Thread.currentThread(), e);
            }
        };
    }
}
