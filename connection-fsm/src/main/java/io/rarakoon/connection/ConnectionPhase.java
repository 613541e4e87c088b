package io.rarakoon.connection;

/** Where one outgoing peer connection stands. */
public enum ConnectionPhase {
    /** Not started yet: no stream, no deadline. */
    IDLE,
    /** A connect attempt is under way; it must end before the handshake deadline. */
    CONNECTING,
    /** The stream is open and our handshake sent; waiting for the peer's answer. */
    HANDSHAKING,
    /** Handshake done both ways: messages may flow. */
    CONNECTED,
    /** The last attempt failed; the next one starts at the deadline. */
    BACKING_OFF,
    /** Closed for good: every event is ignored. */
    CLOSED
}
