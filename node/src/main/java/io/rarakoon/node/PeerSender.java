package io.rarakoon.node;

import io.rarakoon.paxos.message.NodeId;

/**
 * The port the node loop sends Paxos and catch-up messages through. Production adapts the
 * messenger's {@code Messenger}; tests and the simulator deliver encoded frames themselves. Loss is
 * tolerated: Paxos re-sends what matters.
 */
@FunctionalInterface
public interface PeerSender {
    /**
     * Queues {@code message} for {@code to}, or drops it. Never blocks; called on the loop thread.
     *
     * @param to a member of the cluster other than this node
     * @param message a message of one of wire-codec's registered types
     */
    void send(NodeId to, Object message);
}
