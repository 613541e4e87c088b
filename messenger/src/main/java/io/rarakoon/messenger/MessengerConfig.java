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
 * @param frameBytesMax the largest frame body sent or accepted after the handshake (the cluster
 *     file's {@code max_buffer_size}), from {@link
 *     io.rarakoon.wire.Limits#HANDSHAKE_FRAME_BYTES_MAX} to {@link
 *     io.rarakoon.wire.Limits#FRAME_BYTES_MAX}
 */
public record MessengerConfig(
        String clusterId,
        String selfName,
        List<PeerAddress> peers,
        int sendBufferFramesMax,
        ConnectionPolicy connectionPolicy,
        int frameBytesMax) {
    /**
     * Copies the peer list and validates.
     *
     * @throws IllegalArgumentException if a peer is named like this node, two peers share a name,
     *     or frameBytesMax is out of range
     */
    public MessengerConfig {
        if (frameBytesMax < io.rarakoon.wire.Limits.HANDSHAKE_FRAME_BYTES_MAX
                || frameBytesMax > io.rarakoon.wire.Limits.FRAME_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "frameBytesMax "
                            + frameBytesMax
                            + " not in "
                            + io.rarakoon.wire.Limits.HANDSHAKE_FRAME_BYTES_MAX
                            + ".."
                            + io.rarakoon.wire.Limits.FRAME_BYTES_MAX);
        }
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

    /** As the canonical constructor, with the wire format's largest frame. */
    public MessengerConfig(
            String clusterId,
            String selfName,
            List<PeerAddress> peers,
            int sendBufferFramesMax,
            ConnectionPolicy connectionPolicy) {
        this(
                clusterId,
                selfName,
                peers,
                sendBufferFramesMax,
                connectionPolicy,
                io.rarakoon.wire.Limits.FRAME_BYTES_MAX);
    }
}
