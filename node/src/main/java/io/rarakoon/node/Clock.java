package io.rarakoon.node;

/**
 * The node's only source of time. Production reads the system clocks; the simulator hands out
 * simulated time with per-node offset and drift. Protocol decisions use {@link #monotonicNanos()}
 * only; wall time is for logs, statistics and Arakoon's lease-start field.
 */
public interface Clock {
    /** Monotonic time in nanoseconds from an arbitrary origin; never goes backwards. */
    long monotonicNanos();

    /** Wall-clock time in milliseconds since the epoch; may jump. */
    long wallMillis();

    /** Monotonic time in milliseconds, the unit of every protocol deadline. */
    default long monotonicMillis() {
        return monotonicNanos() / 1_000_000;
    }
}
