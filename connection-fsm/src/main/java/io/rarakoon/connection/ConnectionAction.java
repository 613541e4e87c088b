package io.rarakoon.connection;

/** What the owner of the connection must do after a transition. */
public enum ConnectionAction {
    /** Start a new connect attempt. */
    OPEN,
    /** Write our handshake frame on the newly opened stream. */
    SEND_HANDSHAKE,
    /** Close the current stream or abandon the current attempt (idempotent). */
    DISCONNECT
}
