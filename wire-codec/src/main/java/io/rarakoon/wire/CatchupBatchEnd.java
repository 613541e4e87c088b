package io.rarakoon.wire;

/**
 * Ends one batch of a catch-up: the source sent the entries up to {@code lastIndex} and has applied
 * up to {@code appliedIndex}, so the asking node knows whether to ask for more.
 *
 * @param lastIndex the last index sent in this batch, -1 or more (below the request's index when
 *     the source sent nothing, e.g. because it collapsed those entries)
 * @param appliedIndex the source's applied index, -1 or more
 */
public record CatchupBatchEnd(long lastIndex, long appliedIndex) {
    /**
     * Validates the indexes.
     *
     * @throws IllegalArgumentException if an index is below -1
     */
    public CatchupBatchEnd {
        if (lastIndex < -1 || appliedIndex < -1) {
            throw new IllegalArgumentException(
                    "lastIndex " + lastIndex + " or appliedIndex " + appliedIndex + " below -1");
        }
    }
}
