package io.rarakoon.node;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A deterministic scheduler and clock for tests: one queue of tasks ordered by (due time,
 * submission order), run one at a time on the test's thread, the clock jumping to each task's due
 * time. Several nodes share one instance; {@link #view} gives each node incarnation its own handle
 * that a crash can switch off, dropping the incarnation's pending tasks.
 */
final class ManualScheduler implements Clock {
    private record Task(long dueMillis, long sequence, View owner, Runnable body)
            implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(dueMillis, other.dueMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** The scheduler of one node incarnation; {@link #kill} drops its pending tasks. */
    final class View implements Scheduler {
        private boolean alive = true;

        void kill() {
            alive = false;
        }

        @Override
        public void execute(Runnable task) {
            add(0, this, task);
        }

        @Override
        public Cancellable schedule(long delayMillis, Runnable task) {
            Task added = add(delayMillis, this, task);
            return () -> queue.remove(added);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final View always = new View();
    private long nowMillis;
    private long sequence;

    /** A new handle for one node incarnation. */
    View view() {
        return new View();
    }

    /** Runs {@code task} at the current time, on behalf of no node (clients, the network). */
    void execute(Runnable task) {
        add(0, always, task);
    }

    /** Runs {@code task} after {@code delayMillis}, on behalf of no node. */
    void schedule(long delayMillis, Runnable task) {
        add(delayMillis, always, task);
    }

    private Task add(long delayMillis, View owner, Runnable body) {
        Task task = new Task(nowMillis + delayMillis, sequence++, owner, body);
        queue.add(task);
        return task;
    }

    /** Runs tasks until {@code done} holds, at most {@code tasksMax} of them; true if it held. */
    boolean runUntil(BooleanSupplier done, int tasksMax) {
        for (int i = 0; i < tasksMax; i++) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (!runOne()) {
                return done.getAsBoolean();
            }
        }
        return done.getAsBoolean();
    }

    /** Runs every task due within the next {@code millis}. */
    void runFor(long millis) {
        long until = nowMillis + millis;
        while (!queue.isEmpty() && queue.peek().dueMillis() <= until) {
            runOne();
        }
        nowMillis = until;
    }

    private boolean runOne() {
        Task task = queue.poll();
        if (task == null) {
            return false;
        }
        nowMillis = Math.max(nowMillis, task.dueMillis());
        if (task.owner().alive) {
            task.body().run();
        }
        return true;
    }

    @Override
    public long monotonicNanos() {
        return nowMillis * 1_000_000;
    }

    @Override
    public long wallMillis() {
        return 1_700_000_000_000L + nowMillis;
    }
}
