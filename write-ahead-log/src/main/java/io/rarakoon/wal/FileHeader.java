package io.rarakoon.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The fixed 64-byte header that starts every WAL file (layout in docs/wal-format.md). Fields a kind
 * does not use are zero; {@code number} is the segment number, or the head index for a head file.
 * The header's own CRC32C covers its first 60 bytes.
 */
record FileHeader(
        FileKind kind,
        long number,
        int entriesPerSegment,
        int entryCount,
        long firstIndex,
        long lastIndex,
        long bodyBytes,
        long rawBytes,
        int bodyCrc) {

    static final int BYTES = 64;
    static final int MAGIC = 0x524B574C; // "RKWL"
    static final short VERSION = 1;

    static FileHeader plain(long segment, int entriesPerSegment) {
        return new FileHeader(FileKind.PLAIN_SEGMENT, segment, entriesPerSegment, 0, 0, 0, 0, 0, 0);
    }

    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        buffer.putInt(MAGIC).putShort(VERSION).putShort((short) kind.code).putLong(number);
        buffer.putInt(entriesPerSegment).putInt(entryCount).putLong(firstIndex).putLong(lastIndex);
        buffer.putLong(bodyBytes).putLong(rawBytes).putInt(bodyCrc);
        buffer.putInt(crc(buffer.array()));
        return buffer.array();
    }

    /**
     * Reads and checks the header of {@code file}: size, magic, version, checksum, kind and the
     * entries per segment the log is configured with.
     *
     * @throws CorruptLogException naming the file, offset and field that is wrong
     */
    static FileHeader read(DiskFile file, String name, FileKind expectedKind, int entriesPerSegment)
            throws IOException {
        FileHeader header = read(file, name, expectedKind);
        if (header.entriesPerSegment != entriesPerSegment) {
            throw new CorruptLogException(
                    name, 16, "entries per segment", entriesPerSegment, header.entriesPerSegment);
        }
        return header;
    }

    /**
     * Reads and checks a header like {@link #read(DiskFile, String, FileKind, int)}, accepting any
     * entries per segment.
     */
    static FileHeader read(DiskFile file, String name, FileKind expectedKind) throws IOException {
        long size = file.sizeBytes();
        if (size < BYTES) {
            throw new CorruptLogException(name, 0, "file shorter than its header", BYTES, size);
        }
        byte[] bytes = new byte[BYTES];
        if (file.read(0, bytes, 0, BYTES) != BYTES) {
            throw new CorruptLogException(name, 0, "short header read", BYTES, "fewer");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int magic = buffer.getInt();
        if (magic != MAGIC) {
            throw new CorruptLogException(name, 0, "not a WAL file, magic", hex(MAGIC), hex(magic));
        }
        short version = buffer.getShort();
        if (version != VERSION) {
            throw new CorruptLogException(name, 4, "unsupported version", VERSION, version);
        }
        int storedCrc = buffer.getInt(BYTES - 4);
        int actualCrc = crc(bytes);
        if (storedCrc != actualCrc) {
            throw new CorruptLogException(
                    name, BYTES - 4, "header checksum", hex(storedCrc), hex(actualCrc));
        }
        FileHeader header = decode(buffer, name);
        if (header.kind != expectedKind) {
            throw new CorruptLogException(name, 6, "file kind", expectedKind, header.kind);
        }
        return header;
    }

    private static FileHeader decode(ByteBuffer buffer, String name) throws CorruptLogException {
        int kindCode = buffer.getShort(6);
        FileKind kind = null;
        for (FileKind candidate : FileKind.values()) {
            if (candidate.code == kindCode) {
                kind = candidate;
            }
        }
        if (kind == null) {
            throw new CorruptLogException(name, 6, "known file kind", "1..3", kindCode);
        }
        buffer.position(8);
        return new FileHeader(
                kind,
                buffer.getLong(),
                buffer.getInt(),
                buffer.getInt(),
                buffer.getLong(),
                buffer.getLong(),
                buffer.getLong(),
                buffer.getLong(),
                buffer.getInt());
    }

    private static int crc(byte[] headerBytes) {
        CRC32C crc = new CRC32C();
        crc.update(headerBytes, 0, BYTES - 4);
        return (int) crc.getValue();
    }

    static String hex(int value) {
        return String.format(java.util.Locale.ROOT, "0x%08x", value);
    }
}
