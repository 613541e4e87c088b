package io.rarakoon.sim;

import java.util.SplittableRandom;

/**
 * The run's swarm choice, drawn from the seed and printed at the start: cluster size, clients,
 * keys, lease, segment size, how often the nemesis acts and which faults it may use.
 *
 * @param nodeCount 1, 3 or 5
 * @param clientCount concurrent client processes
 * @param keyCount keys the workload uses (few keys: contention)
 * @param leaseMillis the master lease
 * @param entriesPerSegment WAL segment size (tiny segments: many compressions and collapses)
 * @param faultPeriodMillis mean time between nemesis actions
 * @param crashes whether minority crashes and restarts happen
 * @param allCrashCycles how many times every node crashes at once
 * @param wipes whether a down node may lose its disk and rejoin empty
 * @param collapses whether admin collapses run
 * @param network the network's faults
 * @param disk the disks' faults
 */
record Knobs(
        int nodeCount,
        int clientCount,
        int keyCount,
        long leaseMillis,
        int entriesPerSegment,
        long faultPeriodMillis,
        boolean crashes,
        int allCrashCycles,
        boolean wipes,
        boolean collapses,
        NetworkFaults network,
        DiskFaults disk) {

    static Knobs draw(SplittableRandom random, int nodeCountWanted) {
        int[] sizes = {1, 3, 3, 3, 5, 5};
        int nodes = nodeCountWanted != 0 ? nodeCountWanted : sizes[random.nextInt(sizes.length)];
        return new Knobs(
                nodes,
                1 + random.nextInt(6),
                2 * (1 + random.nextInt(5)),
                100 + 100L * random.nextInt(10),
                2 + random.nextInt(30),
                50 + random.nextInt(1_000),
                random.nextInt(4) > 0,
                random.nextInt(3),
                random.nextInt(3) == 0,
                random.nextBoolean(),
                NetworkFaults.draw(random),
                DiskFaults.draw(random));
    }

    /** The faults a planted bug needs to show, on top of the seed's choice. */
    Knobs forPlant(Plant plant) {
        return switch (plant) {
            case NONE -> this;
            case LYING_FSYNC -> withFaults(true, Math.max(2, allCrashCycles), network, disk);
            case KEEP_TORN_TAIL ->
                    withFaults(
                            true,
                            allCrashCycles,
                            network,
                            new DiskFaults(0, 0, true, disk.corruptReadPerMillion()));
            case SMALL_QUORUM, FAST_SLAVE_CLOCKS, SLOW_MASTER_CLOCK ->
                    withFaults(
                            crashes,
                            allCrashCycles,
                            new NetworkFaults(
                                    network.lossPerMille(),
                                    network.duplicatePerMille(),
                                    network.delayMinMicros(),
                                    network.delayTailMeanMicros(),
                                    true,
                                    network.flapping()),
                            disk);
        };
    }

    private Knobs withFaults(
            boolean withCrashes, int cycles, NetworkFaults net, DiskFaults diskFaults) {
        return new Knobs(
                nodeCount,
                clientCount,
                keyCount,
                leaseMillis,
                entriesPerSegment,
                faultPeriodMillis,
                withCrashes,
                cycles,
                wipes,
                collapses,
                net,
                diskFaults);
    }
}
