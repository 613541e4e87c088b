package io.rarakoon.node;

import io.rarakoon.wal.Disk;
import io.rarakoon.wal.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.zip.CRC32C;

/**
 * The durable promised term: a 12-byte file {@value #NAME} (term as int64, CRC32C of it as int32,
 * big-endian). Replaced atomically: written to {@value #TEMP_NAME}, forced, renamed over the old
 * file, directory synced. The WAL's recovery deletes a leftover temp file (its name ends in
 * ".tmp"), so the file can share the WAL's directory. Loop thread only.
 */
final class PromiseFile {
    static final String NAME = "promise";
    static final String TEMP_NAME = NAME + ".tmp";
    private static final int BYTES = Long.BYTES + Integer.BYTES;

    private final Disk disk;
    private long term;

    private PromiseFile(Disk disk, long term) {
        this.disk = disk;
        this.term = term;
    }

    /**
     * Reads the promised term, 0 when the file does not exist.
     *
     * @throws CorruptStorageException naming the file when its size or checksum is wrong
     * @throws IOException on an I/O failure
     */
    static PromiseFile open(Disk disk) throws IOException {
        if (!disk.list().contains(NAME)) {
            return new PromiseFile(disk, 0);
        }
        byte[] bytes = new byte[BYTES];
        try (DiskFile file = disk.open(NAME)) {
            long size = file.sizeBytes();
            if (size != BYTES || file.read(0, bytes, 0, BYTES) != BYTES) {
                throw corrupt("at offset 0: size expected " + BYTES + ", actual " + size);
            }
        } catch (NoSuchFileException e) {
            return new PromiseFile(disk, 0);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long stored = buffer.getLong();
        int crc = buffer.getInt();
        if (crc != crcOf(stored) || stored < 0) {
            throw corrupt("at offset 8: checksum or term invalid for term " + stored);
        }
        return new PromiseFile(disk, stored);
    }

    /** The last durable promised term. */
    long term() {
        return term;
    }

    /**
     * Makes {@code newTerm} the durable promised term; durable when this returns.
     *
     * @throws IllegalStateException if the term would go back: a broken invariant of the core
     * @throws IOException when writing or syncing fails; the node must stop
     */
    void write(long newTerm) throws IOException {
        if (newTerm < term) {
            throw new IllegalStateException("promised term " + term + " would drop to " + newTerm);
        }
        byte[] bytes = ByteBuffer.allocate(BYTES).putLong(newTerm).putInt(crcOf(newTerm)).array();
        if (disk.list().contains(TEMP_NAME)) {
            disk.delete(TEMP_NAME);
        }
        try (DiskFile file = disk.create(TEMP_NAME)) {
            file.write(0, bytes, 0, bytes.length);
            file.force();
        }
        disk.rename(TEMP_NAME, NAME);
        disk.syncDirectory();
        term = newTerm;
    }

    private static int crcOf(long value) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return (int) crc.getValue();
    }

    private static CorruptStorageException corrupt(String detail) {
        return new CorruptStorageException(NAME + " " + detail, null);
    }
}
