package io.rarakoon.wire;

/**
 * Starts a head snapshot sent during catch-up: the {@link SnapshotChunk} frames that follow carry
 * {@code sizeBytes} bytes in order, and the receiver checks their CRC32C against {@code crc32c}
 * before it installs anything.
 *
 * @param headIndex the index the snapshot was taken at, not negative
 * @param sizeBytes the snapshot's length in bytes, not negative
 * @param crc32c the CRC32C of the whole snapshot
 */
public record SnapshotHeader(long headIndex, long sizeBytes, int crc32c) {
    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field that is negative
     */
    public SnapshotHeader {
        if (headIndex < 0) {
            throw new IllegalArgumentException("headIndex " + headIndex + " is negative");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes " + sizeBytes + " is negative");
        }
    }
}
