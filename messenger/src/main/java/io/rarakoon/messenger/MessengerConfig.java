package io.rarakoon.messenger;

import io.rarakoon.connection.ConnectionPolicy;
import java.util.List;

/**
 * Everything a {@link PeerMessenger} needs to know about its cluster.
 *
 * @param clusterId the cluster id every handshake must carry
 * @param selfName this node's name, sent in our handshakes
 * @param peers the other nodes, in cluster-file order
 * @param sendBufferFramesMax frames queued per peer before sends to it drop, from 1 to {@link
 *     io.rarakoon.leaky.Limits#CAPACITY_ITEMS_MAX}
 * @param connectionPolicy backoff and handshake timing of outgoing connections; its handshake
 *     timeout also bounds how long an inbound stream may take to send its handshake
 */
public record MessengerConfig(
        String clusterId,
        String selfName,
        List<PeerAddress> peers,
        int sendBufferFramesMax,
        ConnectionPolicy connectionPolicy) {
    /**
     * Copies the peer list and validates.
     *
     * @throws IllegalArgumentException if a peer is named like this node or two peers share a name
     */
    public MessengerConfig {
        peers = List.copyOf(peers);
        for (int i = 0; i < peers.size(); i++) {
            String name = peers.get(i).nodeName();
            if (name.equals(selfName)) {
                throw new IllegalArgumentException("peer " + name + " is this node");
            }
            for (int j = 0; j < i; j++) {
                if (peers.get(j).nodeName().equals(name)) {
                    throw new IllegalArgumentException("peer " + name + " listed twice");
                }
            }
        }
    }
}
