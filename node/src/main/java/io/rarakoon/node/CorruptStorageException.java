package io.rarakoon.node;

import java.io.IOException;

/**
 * The node's files are not what it wrote: a corrupt WAL segment, head snapshot, promise file or log
 * entry. The message names the file and the offset (or index) and what was wrong. The node does not
 * start; the command line maps this exception to a non-zero exit code (spec §3.7).
 */
public final class CorruptStorageException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} names the file and the offset. */
    public CorruptStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
