package io.rarakoon.sim;

/** Every bound of the simulator, with the reason for its value. */
final class Limits {
    /** Operations of one run: the checker's memory grows with the history. */
    static final int OPS_MAX = 1_000_000;

    /**
     * Simulated time the safety phase may take before the liveness phase starts anyway. Clients
     * finish 1,000 operations in tens of simulated seconds even under heavy faults.
     */
    static final long SAFETY_NANOS_MAX = 900L * 1_000_000_000;

    /**
     * Simulated time the healed cluster gets to elect a master, finish every request and align
     * applied indexes: a few elections and a snapshot catch-up for a wiped node.
     */
    static final long LIVENESS_NANOS_MAX = 120L * 1_000_000_000;

    /**
     * Cached configurations per group of keys the linearizability checker may visit; histories of
     * 1,000 operations over few keys need far fewer.
     */
    static final int CHECK_CONFIGURATIONS_MAX = 500_000;

    private Limits() {}
}
