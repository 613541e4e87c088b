package io.rarakoon.paxos;

import io.rarakoon.paxos.message.NodeId;

/**
 * Everything {@link Paxos#step} may know besides the state and the event. Built by the node loop
 * for every event: one clock read, one entropy draw.
 *
 * @param self this node
 * @param cluster the cluster configuration
 * @param nowMillis this node's monotonic clock; never goes back between steps
 * @param entropy a fresh random number; every jitter is derived from it
 */
public record Context(NodeId self, Cluster cluster, long nowMillis, long entropy) {

    /**
     * Checks that {@code self} belongs to the cluster.
     *
     * @throws IllegalArgumentException if it does not
     */
    public Context {
        if (!cluster.isMember(self)) {
            throw new IllegalArgumentException("self " + self + " is not in the cluster");
        }
    }
}
