package io.rarakoon.node;

import java.io.IOException;

/**
 * Bytes that should hold an encoded log entry or update do not: a bad tag, a length beyond its
 * limit, truncation or trailing bytes. The message names the field, the limit and the value seen.
 */
public final class MalformedPayloadException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the field, the limit and the value seen. */
    public MalformedPayloadException(String message) {
        super(message);
    }
}
