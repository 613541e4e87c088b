package io.rarakoon.wal;

import java.io.IOException;

/**
 * A WAL file is not what the log wrote: a bad checksum, a gap or decrease in indexes, a bad header
 * or version, a length over its limit, or a file that is not ours. The message names the file, the
 * offset, what was expected and what was found. The node stops on it (STYLE.md §9); nothing is
 * repaired automatically except a torn tail of the newest segment.
 */
public final class CorruptLogException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming file, offset, expected and actual. */
    public CorruptLogException(
            String fileName, long offsetBytes, String what, Object expected, Object actual) {
        super(
                fileName
                        + " at offset "
                        + offsetBytes
                        + ": "
                        + what
                        + ": expected "
                        + expected
                        + ", actual "
                        + actual);
    }
}
