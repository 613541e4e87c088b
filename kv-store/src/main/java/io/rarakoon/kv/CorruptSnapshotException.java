package io.rarakoon.kv;

import java.io.IOException;

/**
 * A snapshot stream is not an intact kv-store snapshot: wrong magic or version, a length out of
 * range, keys out of order, truncation, a checksum mismatch or trailing bytes. The message names
 * the field, its byte offset in the stream, what was expected and what was found.
 */
public final class CorruptSnapshotException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final long offset;

    /** The snapshot is corrupt at {@code field}, which starts at byte {@code offset}. */
    public CorruptSnapshotException(String field, long offset, String expected, String actual) {
        super(
                "corrupt kv-store snapshot: "
                        + field
                        + " at offset "
                        + offset
                        + ": expected "
                        + expected
                        + ", actual "
                        + actual);
        this.field = field;
        this.offset = offset;
    }

    /** The field that failed verification, e.g. "user value length" or "checksum". */
    public String field() {
        return field;
    }

    /** Byte offset of that field from the start of the snapshot. */
    public long offset() {
        return offset;
    }
}
