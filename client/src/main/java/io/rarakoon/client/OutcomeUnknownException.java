package io.rarakoon.client;

/**
 * A write was sent but its fate cannot be known: it may or may not have been applied (connection
 * lost or timed out after sending, NO_LONGER_MASTER, GOING_DOWN). Never retried by the client,
 * since retrying could apply it twice; read the key to find out.
 */
public sealed class OutcomeUnknownException extends ArakoonException
        permits NoLongerMasterException {
    private static final long serialVersionUID = 1L;

    OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
