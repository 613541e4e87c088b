package io.rarakoon.leaky;

/** The limits of leaky-buffer, each with the reason for its value. */
public final class Limits {
    /**
     * Largest capacity a buffer may have. The ring array is allocated up front, so this caps the
     * memory one buffer can pin (8 MiB of references at 2^20 slots); peer and inbox buffers need
     * thousands of slots, not millions.
     */
    public static final int CAPACITY_ITEMS_MAX = 1 << 20;

    /** Smallest capacity: a buffer that holds nothing would drop every item. */
    public static final int CAPACITY_ITEMS_MIN = 1;

    private Limits() {}
}
