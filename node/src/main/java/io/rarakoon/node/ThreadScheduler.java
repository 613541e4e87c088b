package io.rarakoon.node;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link Scheduler}: one named daemon thread. A task that throws stops the node: an
 * exception out of the loop is a broken invariant (STYLE.md §9), so it is handed to the failure
 * handler instead of being swallowed by the executor.
 */
@SuppressForbidden
public final class ThreadScheduler implements Scheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;
    private final Thread.UncaughtExceptionHandler onFailure;

    /**
     * @param threadName name of the loop thread, e.g. {@code node_0-loop}
     * @param onFailure called on the loop thread with any exception a task throws
     */
    public ThreadScheduler(String threadName, Thread.UncaughtExceptionHandler onFailure) {
        this.onFailure = onFailure;
        this.executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        runnable -> {
                            Thread thread = new Thread(runnable, threadName);
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
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

    /** Stops accepting tasks and waits up to {@code timeoutMillis} for the running one to end. */
    public void shutdown(long timeoutMillis) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the scheduler, waiting up to ten seconds; an interrupt is kept for the caller. */
    @Override
    public void close() {
        try {
            shutdown(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
