package io.rarakoon.wire;

/**
 * A node that is behind asks a peer for the chosen log entries from {@code fromIndex} on. The peer
 * answers with at most one batch of {@link CatchupEntry} frames followed by a {@link
 * CatchupBatchEnd}; the asking node pulls the next batch itself, so a lost frame costs one retry.
 *
 * @param fromIndex the first index the asking node misses, not negative
 */
public record CatchupRequest(long fromIndex) {
    /**
     * Validates the index.
     *
     * @throws IllegalArgumentException if the index is negative
     */
    public CatchupRequest {
        if (fromIndex < 0) {
            throw new IllegalArgumentException("fromIndex " + fromIndex + " is negative");
        }
    }
}
