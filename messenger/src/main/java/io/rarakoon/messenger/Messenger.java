package io.rarakoon.messenger;

/**
 * The port the node sends peer messages through. Inbound messages go to the {@link InboundSink}
 * given at construction. Implemented by {@link PeerMessenger} over a {@link Transport}, and by the
 * simulator's message-level fake.
 */
public interface Messenger {
    /**
     * Queues a message for a peer, or drops it (and counts the drop) when the peer is down or its
     * send buffer is full. Never blocks; any thread. Paxos re-sends what matters, so a drop is an
     * expected outcome, not an error.
     *
     * @param peerName a configured peer's node name
     * @param message a message of one of the wire codec's registered types
     * @return true if queued, false if dropped
     * @throws IllegalArgumentException if the peer is unknown or the message is not encodable
     */
    boolean send(String peerName, Object message);
}
