package io.rarakoon.paxos;

/** Every bound the core enforces, with the reason for its value. */
public final class Limits {

    /**
     * Updates in one client value. Arakoon batched its whole client queue (32 by default); a few
     * hundred keeps one value's apply short while amortizing a Paxos round over many updates.
     */
    public static final int UPDATES_PER_VALUE_MAX = 256;

    /**
     * Bytes of one client update. An update carries one value below Arakoon's 8 MiB value limit
     * plus its key and encoding; the node checks the value itself, this is the core's backstop.
     */
    public static final int UPDATE_BYTES_MAX = 9 * 1024 * 1024;

    /**
     * Sum of update bytes in one client value. Twice the largest update, so that a large update
     * still shares its round with small ones, and well inside a 32 MiB node-to-node frame.
     */
    public static final long VALUE_BYTES_MAX = 2L * UPDATE_BYTES_MAX;

    /**
     * Updates a master queues while a value is in flight. Beyond it the client gets BUSY at once
     * rather than a reply after a long wait; four full values keep the pipe busy.
     */
    public static final int PENDING_UPDATES_MAX = 4 * UPDATES_PER_VALUE_MAX;

    /** Drop-master requests a master holds until it steps down; admins send one at a time. */
    public static final int DROP_WAITERS_MAX = 16;

    /**
     * Values a master has in flight. Arakoon keeps one; the types allow more (pipelining).
     * Followers apply index i when i + 1 arrives, which relies on this being 1.
     */
    public static final int INSTANCES_IN_FLIGHT_MAX = 1;

    /**
     * Largest clock-rate difference from real time, per mille, that lease safety assumes. The
     * master serves reads for {@code L * (1000 - 2 * drift) / 1000} only, so that its lease ends
     * before any acceptor of its lease value, counting L on a clock that runs fast, promises.
     */
    public static final int CLOCK_RATE_DRIFT_PERMILLE_MAX = 20;

    /** Shortest lease period: timeouts are fractions of it down to L/40 and must stay >= 1 ms. */
    public static final long LEASE_PERIOD_MILLIS_MIN = 100;

    private Limits() {}
}
