package io.rarakoon.paxos;

/** How the cluster chooses its master (spec §1.2, §1.12). */
public enum MasterMode {
    /** Any voter that is not a witness may run for master. */
    ELECTED,
    /** Only {@link Cluster#masters()}'s single node runs for master; the others only follow. */
    FORCED,
    /** Elections as in ELECTED, but {@link Cluster#masters()} get a head start and take over. */
    PREFERRED,
    /** One voter that elects itself and refuses every update. */
    READ_ONLY
}
