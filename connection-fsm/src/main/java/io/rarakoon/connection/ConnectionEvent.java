package io.rarakoon.connection;

/** Something that happened to an outgoing peer connection, fed into {@link ConnectionFsm}. */
public enum ConnectionEvent {
    /** The owner wants the connection: leave {@link ConnectionPhase#IDLE}. */
    START,
    /** The transport opened the stream of the current attempt. */
    TRANSPORT_CONNECTED,
    /** The peer answered our handshake with a valid one. */
    HANDSHAKE_COMPLETED,
    /** The current attempt or stream failed: refused, reset, closed, or bad bytes from the peer. */
    TRANSPORT_FAILED,
    /** Time passed; deadlines are checked against the {@code nowMillis} given with it. */
    TICK,
    /** The owner is shutting down: close for good. */
    CLOSE
}
