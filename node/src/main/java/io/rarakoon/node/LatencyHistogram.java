package io.rarakoon.node;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A latency histogram with fixed bucket bounds, Prometheus style. One thread records (the node
 * loop, or the thread answering a client); any thread may take a {@link #snapshot}. A snapshot
 * derives its cumulative counts and its total from one read of each bucket, so its buckets never
 * decrease and the last one always equals its count, however recording interleaves.
 */
final class LatencyHistogram {
    /**
     * Upper bounds of the buckets, in nanoseconds: 100 µs to 10 s in 1-2.5-5 steps, wide enough for
     * an fsync on a fast SSD and for a commit on a loaded machine; slower ones land in +Inf.
     */
    static final long[] BOUNDS_NANOS = {
        100_000L,
        250_000L,
        500_000L,
        1_000_000L,
        2_500_000L,
        5_000_000L,
        10_000_000L,
        25_000_000L,
        50_000_000L,
        100_000_000L,
        250_000_000L,
        500_000_000L,
        1_000_000_000L,
        2_500_000_000L,
        5_000_000_000L,
        10_000_000_000L
    };

    /** Per-bucket (not cumulative) counts; the last slot counts what exceeds every bound. */
    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_NANOS.length + 1);

    private final AtomicLong sumNanos = new AtomicLong();

    /**
     * What a histogram held at one moment.
     *
     * @param cumulativeCounts for each bound of {@link #BOUNDS_NANOS}, the observations at or below
     *     it, then all observations (+Inf)
     * @param sumNanos the sum of the observations, read after the counts
     */
    record Snapshot(long[] cumulativeCounts, long sumNanos) {
        /** All observations: the +Inf bucket. */
        long count() {
            return cumulativeCounts[cumulativeCounts.length - 1];
        }
    }

    /** Records one duration; a negative one (a clock that went back) counts as zero. */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && value > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        counts.incrementAndGet(bucket);
        sumNanos.addAndGet(value);
    }

    /** The cumulative counts and the sum now. Any thread. */
    Snapshot snapshot() {
        long[] cumulative = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < cumulative.length; i++) {
            running += counts.get(i);
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, sumNanos.get());
    }
}
