package io.rarakoon.sim;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * Shows that the simulator bites: each planted bug (through the simulator's disk wrapper, clocks or
 * cluster configuration, never production code) must fail some seed among the first {@value
 * #SEEDS_MAX}, on three-node clusters with {@value #OPS} client operations per seed. Prints the
 * seed that found it and what failed.
 */
class PlantedBugTest {
    private static final int SEEDS_MAX = 100;
    private static final int OPS = 400;

    @Test
    void findsAcknowledgementBeforeFsync() {
        findsWithin(Plant.LYING_FSYNC);
    }

    @Test
    void findsQuorumTooSmall() {
        findsWithin(Plant.SMALL_QUORUM);
    }

    @Test
    void findsSlavePromisingDuringLiveLease() {
        findsWithin(Plant.FAST_SLAVE_CLOCKS);
    }

    @Test
    void findsMissingTornTailTruncation() {
        findsWithin(Plant.KEEP_TORN_TAIL);
    }

    @Test
    void findsMasterReadingAfterItsLease() {
        findsWithin(Plant.SLOW_MASTER_CLOCK);
    }

    private static void findsWithin(Plant plant) {
        for (long seed = 0; seed < SEEDS_MAX; seed++) {
            SimulationResult result = Simulation.run(new SimulationOptions(seed, 3, OPS, plant));
            if (!result.passed()) {
                System.out.println(
                        plant
                                + " found by seed "
                                + seed
                                + ": "
                                + result.failure().orElseThrow().lines().findFirst().orElse(""));
                return;
            }
        }
        fail(plant + " not found within " + SEEDS_MAX + " seeds");
    }
}
