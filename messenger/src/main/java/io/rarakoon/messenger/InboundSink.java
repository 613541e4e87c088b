package io.rarakoon.messenger;

/**
 * Where the messenger delivers the messages peers send: the node's own bounded inbox. Called on
 * transport threads, several at once; it must not block (offer into a {@code LeakyBuffer}).
 */
@FunctionalInterface
public interface InboundSink {
    /**
     * A message arrived from a peer whose handshake was valid.
     *
     * @param peerName the sender's node name
     * @param message a decoded message of one of the wire codec's registered types
     */
    void deliver(String peerName, Object message);
}
