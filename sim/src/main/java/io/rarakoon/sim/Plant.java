package io.rarakoon.sim;

/**
 * Bugs the simulator can plant, through its own wrappers and configuration only, to show that its
 * checks find them. {@link #NONE} in every normal run.
 */
public enum Plant {
    /** No planted bug. */
    NONE,
    /** Every disk's force and directory sync do nothing: writes are acknowledged before fsync. */
    LYING_FSYNC,
    /** The cluster's quorum is one vote less than a majority. */
    SMALL_QUORUM,
    /**
     * Slaves' clocks run 3x fast (far beyond the drift bound): they think the master's lease ran
     * out and promise to a candidate while it is still live.
     */
    FAST_SLAVE_CLOCKS,
    /** Log segments are never truncated, so a torn tail stays after recovery. */
    KEEP_TORN_TAIL,
    /**
     * One node's clock runs at a third of real time (far beyond the drift bound): as master it
     * keeps serving reads after its lease ran out.
     */
    SLOW_MASTER_CLOCK
}
