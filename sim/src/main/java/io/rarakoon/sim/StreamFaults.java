package io.rarakoon.sim;

import java.util.SplittableRandom;

/**
 * The faults and buffer sizes of the stream-level network in one run, drawn from the seed (swarm
 * testing). Streams never lose, duplicate or reorder bytes (TCP does not); they split writes into
 * chunks, stall, and reset.
 *
 * @param chunkBytesMax the largest chunk a write is split into on the way (frames cross reads)
 * @param stallPerMille chance per flush that the stream's direction stalls
 * @param stallMillisMax the longest stall
 * @param resetPerMille chance per flush that the stream is reset soon after
 * @param sendBufferFramesMax the messenger's send buffer per peer (small buffers drop frames when a
 *     stream stalls); fixed for the run, the liveness phase included
 */
record StreamFaults(
        int chunkBytesMax,
        int stallPerMille,
        long stallMillisMax,
        int resetPerMille,
        int sendBufferFramesMax) {

    /**
     * The small send buffer some runs use: two catch-up batches, the least the node is built for (a
     * catch-up batch must fit in the buffer with room for the Accepts beside it).
     */
    static final int SEND_BUFFER_FRAMES_SMALL =
            2 * io.rarakoon.node.Limits.CATCHUP_BATCH_ENTRIES_MAX;

    /** The same chunks and buffers, without stalls and resets: the liveness phase. */
    StreamFaults healed() {
        return new StreamFaults(chunkBytesMax, 0, 1, 0, sendBufferFramesMax);
    }

    /** Draws a mix; stalls last up to three leases, so that some outlast a master's lease. */
    static StreamFaults draw(SplittableRandom random, long leaseMillis) {
        return new StreamFaults(
                random.nextBoolean() ? 1 + random.nextInt(64) : 1 + random.nextInt(16 * 1024),
                random.nextInt(3) == 0 ? 0 : random.nextInt(20),
                leaseMillis * (1 + random.nextInt(3)),
                random.nextInt(3) == 0 ? 0 : random.nextInt(5),
                random.nextBoolean()
                        ? SEND_BUFFER_FRAMES_SMALL
                        : io.rarakoon.node.Limits.PEER_SEND_BUFFER_FRAMES_MAX);
    }
}
