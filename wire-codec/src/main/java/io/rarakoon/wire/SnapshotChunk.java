package io.rarakoon.wire;

import java.util.Arrays;

/**
 * One chunk of a head snapshot sent during catch-up. Chunks arrive in order; the one with {@code
 * last} set ends the snapshot, whose size is then {@code offsetBytes + bytes.length}. The array is
 * not copied, as a {@link CatchupEntry}'s payload is not: whoever creates a chunk hands the array
 * over and nobody changes it afterwards.
 *
 * @param offsetBytes where the chunk starts in the snapshot, not negative
 * @param bytes the chunk, at most {@link Limits#SNAPSHOT_CHUNK_BYTES_MAX}
 * @param last true on the final chunk
 */
public record SnapshotChunk(long offsetBytes, byte[] bytes, boolean last) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the field for a negative offset or an oversized chunk
     */
    public SnapshotChunk {
        if (offsetBytes < 0) {
            throw new IllegalArgumentException("offsetBytes " + offsetBytes + " is negative");
        }
        if (bytes.length > Limits.SNAPSHOT_CHUNK_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "chunk length "
                            + bytes.length
                            + " exceeds SNAPSHOT_CHUNK_BYTES_MAX "
                            + Limits.SNAPSHOT_CHUNK_BYTES_MAX);
        }
    }

    /** Compares offset, flag and contents. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SnapshotChunk that
                && offsetBytes == that.offsetBytes
                && last == that.last
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return (31 * Long.hashCode(offsetBytes) + Arrays.hashCode(bytes)) * 2 + (last ? 1 : 0);
    }

    /** Shows offset, flag, size and at most the first 16 bytes in hex. */
    @Override
    public String toString() {
        return "SnapshotChunk[offsetBytes="
                + offsetBytes
                + ", bytes="
                + Preview.of(bytes)
                + ", last="
                + last
                + "]";
    }
}
