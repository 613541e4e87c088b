package io.rarakoon.node;

/**
 * Runs the node's tasks one at a time, in submission order, on one logical thread. Production uses
 * a real thread; the simulator runs every node's tasks from one event queue in simulated time.
 * Tasks must not block.
 */
public interface Scheduler {
    /** Runs {@code task} as soon as the tasks before it have run. Callable from any thread. */
    void execute(Runnable task);

    /**
     * Runs {@code task} once, after {@code delayMillis} of this scheduler's time. Callable from any
     * thread.
     *
     * @return a handle that prevents the task from running if it has not started yet
     */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that may still be called off. */
    interface Cancellable {
        /** Prevents the task from running if it has not started; harmless afterwards. */
        void cancel();
    }
}
