package io.rarakoon.sim;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The simulated world's one event queue: tasks ordered by (simulated time, insertion sequence), run
 * one at a time on the caller's thread, time jumping to each task's due time. A task belongs to an
 * {@link Incarnation}; the tasks of a dead incarnation are skipped, which is how a crash loses a
 * node's pending work. Every task run is mixed into the {@link Trace}.
 */
final class World {
    /** A scheduled task; {@link #cancel} keeps it from running. */
    static final class Task implements Comparable<Task> {
        private final long atNanos;
        private final long sequence;
        private final Incarnation owner;
        private final Runnable body;
        private boolean cancelled;

        private Task(long atNanos, long sequence, Incarnation owner, Runnable body) {
            this.atNanos = atNanos;
            this.sequence = sequence;
            this.owner = owner;
            this.body = body;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Trace trace;
    private long nowNanos;
    private long sequence;
    private long taskCount;

    World(Trace trace) {
        this.trace = trace;
    }

    /** Simulated time in nanoseconds since the start of the run. */
    long nowNanos() {
        return nowNanos;
    }

    /** Tasks run so far. */
    long taskCount() {
        return taskCount;
    }

    /** Runs {@code body} for {@code owner} after {@code delayNanos} (at least 0). */
    Task after(long delayNanos, Incarnation owner, Runnable body) {
        Task task = new Task(nowNanos + Math.max(0, delayNanos), sequence++, owner, body);
        queue.add(task);
        return task;
    }

    /**
     * Runs tasks until {@code done} holds or simulated time would pass {@code untilNanos}.
     *
     * @return true if {@code done} held
     */
    boolean runUntil(BooleanSupplier done, long untilNanos) {
        while (!done.getAsBoolean()) {
            Task next = queue.peek();
            if (next == null || next.atNanos > untilNanos) {
                nowNanos = Math.max(nowNanos, untilNanos);
                return false;
            }
            queue.poll();
            nowNanos = next.atNanos;
            if (!next.cancelled && next.owner.isAlive()) {
                taskCount++;
                trace.mix(next.atNanos);
                next.body.run();
            }
        }
        return true;
    }
}
