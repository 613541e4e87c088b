package io.rarakoon.sim;

import java.util.SplittableRandom;

/**
 * The network faults of one run, drawn from the seed (swarm testing: each run enables a different
 * mix).
 *
 * @param lossPerMille messages lost on the way
 * @param duplicatePerMille messages delivered twice
 * @param delayMinMicros the shortest delay of a message
 * @param delayTailMeanMicros the mean of the exponential tail added to it (reordering follows)
 * @param partitions whether the nemesis isolates nodes and splits the cluster
 * @param flapping whether partitions change every few milliseconds for a while
 */
record NetworkFaults(
        int lossPerMille,
        int duplicatePerMille,
        int delayMinMicros,
        int delayTailMeanMicros,
        boolean partitions,
        boolean flapping) {

    /** No faults: the liveness phase's network. */
    static final NetworkFaults NONE = new NetworkFaults(0, 0, 100, 200, false, false);

    /** A random mix. */
    static NetworkFaults draw(SplittableRandom random) {
        boolean lossy = random.nextInt(3) > 0;
        return new NetworkFaults(
                lossy ? random.nextInt(150) : 0,
                lossy ? random.nextInt(50) : 0,
                50 + random.nextInt(500),
                random.nextInt(3) == 0 ? 20_000 : 100 + random.nextInt(2_000),
                random.nextInt(3) > 0,
                random.nextInt(4) == 0);
    }
}
