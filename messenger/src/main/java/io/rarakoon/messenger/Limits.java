package io.rarakoon.messenger;

/** The limits of the messenger core, each with the reason for its value. */
public final class Limits {
    /**
     * Frames one drain pass writes to a stream before it yields the I/O thread. Bounds the time one
     * busy link holds a thread that other links and inbound streams share.
     */
    public static final int FRAMES_PER_DRAIN_MAX = 256;

    /**
     * Shortest interval between two WARN lines about drops on one link, in milliseconds. Drops come
     * in bursts of thousands when a peer is down or slow; one line per interval with the running
     * counts says everything.
     */
    public static final long DROP_LOG_INTERVAL_MILLIS = 10_000;

    private Limits() {}
}
