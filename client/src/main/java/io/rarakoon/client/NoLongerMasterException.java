package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;

/**
 * The master lost its mastership while the write was in flight (NO_LONGER_MASTER): the write may or
 * may not be applied.
 */
public final class NoLongerMasterException extends OutcomeUnknownException {
    private static final long serialVersionUID = 1L;
    private final transient ByteString serverMessage;

    NoLongerMasterException(ByteString serverMessage) {
        super("NO_LONGER_MASTER: " + serverMessage, null);
        this.serverMessage = serverMessage;
    }

    /** Returns the server's message. */
    public ByteString serverMessage() {
        return serverMessage;
    }
}
