package io.rarakoon.sim;

import java.util.SplittableRandom;

/**
 * The disk faults of one run, drawn from the seed.
 *
 * @param writeErrorPerMillion writes that fail with an IOException
 * @param fsyncErrorPerMillion forces and directory syncs that fail; the node must stop
 * @param tornCrashes whether a crash may keep a torn prefix of unforced writes
 * @param corruptReadPerMillion reads of completed segments and heads that return a flipped byte, on
 *     the nodes of the corruption budget only (at most a minority)
 */
record DiskFaults(
        int writeErrorPerMillion,
        int fsyncErrorPerMillion,
        boolean tornCrashes,
        int corruptReadPerMillion) {

    /** No faults: the liveness phase's disks. */
    static final DiskFaults NONE = new DiskFaults(0, 0, false, 0);

    /** A random mix. */
    static DiskFaults draw(SplittableRandom random) {
        boolean failing = random.nextInt(3) == 0;
        return new DiskFaults(
                failing ? random.nextInt(300) : 0,
                failing ? random.nextInt(300) : 0,
                random.nextBoolean(),
                random.nextInt(4) == 0 ? random.nextInt(2_000) : 0);
    }
}
