package io.rarakoon.node.config;

/** How the cluster chooses its master (spec §1.2, §1.12). */
public enum MasterMode {
    /** Any voter may become master through an election. */
    ELECTED,
    /** Only the configured master may be master. */
    FORCED,
    /** Elections run, but a preferred master takes the role back when it is up. */
    PREFERRED,
    /** A single-voter cluster that refuses every update. */
    READ_ONLY
}
