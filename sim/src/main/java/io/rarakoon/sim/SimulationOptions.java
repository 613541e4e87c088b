package io.rarakoon.sim;

/**
 * What a simulation run is asked to do; everything else is drawn from the seed.
 *
 * @param seed decides every choice of the run
 * @param nodeCount 1, 3 or 5; 0 lets the seed choose
 * @param opsCount client operations of the run, all clients together
 * @param plant a bug to plant, {@link Plant#NONE} normally
 */
public record SimulationOptions(long seed, int nodeCount, int opsCount, Plant plant) {

    /** Operations of a default run: enough to cross several elections and crashes. */
    public static final int OPS_DEFAULT = 1_000;

    /**
     * Validates the numbers.
     *
     * @throws IllegalArgumentException naming the field and the value
     */
    public SimulationOptions {
        if (nodeCount != 0 && nodeCount != 1 && nodeCount != 3 && nodeCount != 5) {
            throw new IllegalArgumentException("nodeCount " + nodeCount + " not one of 0, 1, 3, 5");
        }
        if (opsCount < 1 || opsCount > Limits.OPS_MAX) {
            throw new IllegalArgumentException(
                    "opsCount " + opsCount + " outside 1.." + Limits.OPS_MAX);
        }
    }

    /** A run of {@code seed} with the seed's node count, the default operations and no plant. */
    public static SimulationOptions ofSeed(long seed) {
        return new SimulationOptions(seed, 0, OPS_DEFAULT, Plant.NONE);
    }

    /** The command line that repeats this run. */
    public String reproducer() {
        return "java -jar bin/target/rarakoon.jar simulate --seed "
                + hex(seed)
                + (nodeCount == 0 ? "" : " --nodes " + nodeCount)
                + " --ops "
                + opsCount
                + (plant == Plant.NONE ? "" : " (planted " + plant + ", test only)");
    }

    /** A seed as the command line takes it. */
    public static String hex(long seed) {
        return "0x" + Long.toHexString(seed);
    }
}
