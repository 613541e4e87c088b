package io.rarakoon.messenger;

/** The limits of the messenger core, each with the reason for its value. */
public final class Limits {
    /**
     * Frames one drain pass writes to a stream before it yields the I/O thread. Bounds the time one
     * busy link holds a thread that other links and inbound streams share.
     */
    public static final int FRAMES_PER_DRAIN_MAX = 256;

    private Limits() {}
}
