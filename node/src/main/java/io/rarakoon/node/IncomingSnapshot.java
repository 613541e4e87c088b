package io.rarakoon.node;

import io.rarakoon.wire.SnapshotChunk;
import io.rarakoon.wire.SnapshotHeader;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A head snapshot arriving during catch-up: its chunks are checked against the {@link
 * SnapshotHeader} (contiguous offsets, no byte past the announced size, the size and CRC32C at the
 * end) before the bytes are handed over for installation. Loop thread only.
 */
final class IncomingSnapshot {
    private final SnapshotHeader header;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CRC32C crc = new CRC32C();

    private IncomingSnapshot(SnapshotHeader header) {
        this.header = header;
    }

    /**
     * Starts receiving the snapshot {@code header} announces.
     *
     * @throws MalformedPayloadException when its size exceeds {@link
     *     Limits#CATCHUP_SNAPSHOT_BYTES_MAX}
     */
    static IncomingSnapshot start(SnapshotHeader header) throws MalformedPayloadException {
        if (header.sizeBytes() > Limits.CATCHUP_SNAPSHOT_BYTES_MAX) {
            throw new MalformedPayloadException(
                    "snapshot size "
                            + header.sizeBytes()
                            + " exceeds CATCHUP_SNAPSHOT_BYTES_MAX "
                            + Limits.CATCHUP_SNAPSHOT_BYTES_MAX);
        }
        return new IncomingSnapshot(header);
    }

    /** The index the snapshot was taken at. */
    long headIndex() {
        return header.headIndex();
    }

    /**
     * Takes the next chunk.
     *
     * @return the whole snapshot, checked, after the last chunk; empty before
     * @throws MalformedPayloadException naming the offset, size or checksum that is wrong
     */
    Optional<byte[]> accept(SnapshotChunk chunk) throws MalformedPayloadException {
        long received = bytes.size();
        if (chunk.offsetBytes() != received) {
            throw new MalformedPayloadException(
                    "snapshot chunk offset "
                            + chunk.offsetBytes()
                            + " does not follow the "
                            + received
                            + " bytes received");
        }
        byte[] data = chunk.bytes();
        if (received + data.length > header.sizeBytes()) {
            throw new MalformedPayloadException(
                    "snapshot chunk ends at byte "
                            + (received + data.length)
                            + ", past the snapshot size "
                            + header.sizeBytes());
        }
        bytes.write(data, 0, data.length);
        crc.update(data, 0, data.length);
        if (!chunk.last()) {
            return Optional.empty();
        }
        if (bytes.size() != header.sizeBytes()) {
            throw new MalformedPayloadException(
                    "snapshot ended at byte " + bytes.size() + " of size " + header.sizeBytes());
        }
        int actual = (int) crc.getValue();
        if (actual != header.crc32c()) {
            throw new MalformedPayloadException(
                    "snapshot checksum "
                            + hex(actual)
                            + " does not match crc32c "
                            + hex(header.crc32c())
                            + " of its header");
        }
        return Optional.of(bytes.toByteArray());
    }

    private static String hex(int value) {
        return String.format(java.util.Locale.ROOT, "0x%08x", value);
    }
}
