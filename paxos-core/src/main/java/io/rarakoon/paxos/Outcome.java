package io.rarakoon.paxos;

/** The answers the core gives to a request itself, without applying anything. */
public enum Outcome {
    /** This node is not master; the reply names the master when one is known. */
    NOT_MASTER,
    /** The update was proposed but this node lost the master role: its outcome is unknown. */
    NO_LONGER_MASTER,
    /** The cluster runs in read-only mode. */
    READ_ONLY,
    /** The master's queue of pending updates is full. */
    BUSY,
    /** The update is larger than {@link Limits#UPDATE_BYTES_MAX}. */
    UPDATE_TOO_LARGE,
    /** A drop-master request is done: this node is not (or no longer) master. */
    MASTER_DROPPED,
    /** The request makes no sense in this cluster (drop-master with one voter). */
    NOT_SUPPORTED
}
