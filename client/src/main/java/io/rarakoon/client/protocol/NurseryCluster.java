package io.rarakoon.client.protocol;

import java.util.List;

/**
 * One cluster of a nursery configuration (spec §9.4).
 *
 * @param clusterId the cluster's id
 * @param nodes its nodes, as a client configuration
 */
public record NurseryCluster(ByteString clusterId, List<NodeAddress> nodes) {
    /** Copies the list so the record stays immutable. */
    public NurseryCluster {
        nodes = List.copyOf(nodes);
    }
}
