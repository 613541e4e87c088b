package io.rarakoon.messenger;

/** Receives the streams a {@link Transport} accepts. Called on the new stream's I/O thread. */
public interface Acceptor {
    /**
     * A peer connected to us.
     *
     * @return the handler for the stream's later events (its {@code opened} is not called)
     */
    StreamHandler accepted(Stream stream);
}
