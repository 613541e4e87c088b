package io.rarakoon.wire;

import java.io.IOException;

/**
 * Bytes from a peer that are not a valid frame: a length outside its limit, an unknown tag, a
 * truncated or malformed field, or trailing bytes. The message names the field, the value seen and
 * the limit. The connection that sent them must be closed; nothing of the frame is used.
 */
public final class MalformedFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming field, value and limit. */
    public MalformedFrameException(String message) {
        super(message);
    }

    /**
     * Skips the stack trace: the cause is the peer's bytes, which the message describes, and a peer
     * can make us throw at line rate.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
