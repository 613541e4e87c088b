package io.rarakoon.sim;

import java.util.SplittableRandom;

/**
 * The faults of the stream-level network in one run, drawn from the seed (swarm testing). Streams
 * never lose, duplicate or reorder bytes (TCP does not); they split writes into chunks, stall, and
 * reset.
 *
 * @param chunkBytesMax the largest chunk a write is split into on the way (frames cross reads)
 * @param stallPerMille chance per flush that the stream's direction stalls
 * @param stallMillisMax the longest stall
 * @param resetPerMille chance per flush that the stream is reset soon after
 */
record StreamFaults(int chunkBytesMax, int stallPerMille, long stallMillisMax, int resetPerMille) {

    /** Large chunks, no stall, no reset: the liveness phase. */
    static final StreamFaults NONE = new StreamFaults(64 * 1024, 0, 1, 0);

    /** Draws a mix; stalls last up to three leases, so that some outlast a master's lease. */
    static StreamFaults draw(SplittableRandom random, long leaseMillis) {
        return new StreamFaults(
                random.nextBoolean() ? 1 + random.nextInt(64) : 1 + random.nextInt(16 * 1024),
                random.nextInt(3) == 0 ? 0 : random.nextInt(20),
                leaseMillis * (1 + random.nextInt(3)),
                random.nextInt(3) == 0 ? 0 : random.nextInt(5));
    }
}
