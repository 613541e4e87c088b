package io.rarakoon.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk record: int64 index, int32 payload length, int32 CRC32C, payload. The CRC covers
 * index, length and payload, so a flipped index or length is caught like a flipped payload byte.
 */
final class RecordCodec {

    static final int HEADER_BYTES = 16;

    private RecordCodec() {}

    static int recordBytes(int payloadBytes) {
        return HEADER_BYTES + payloadBytes;
    }

    /** Writes the record for {@code entry} into {@code into} at {@code at}. */
    static void encode(WalEntry entry, byte[] into, int at) {
        byte[] payload = entry.payload();
        ByteBuffer buffer = ByteBuffer.wrap(into, at, HEADER_BYTES);
        buffer.putLong(entry.index()).putInt(payload.length);
        buffer.putInt(crc(entry.index(), payload.length, payload, 0));
        System.arraycopy(payload, 0, into, at + HEADER_BYTES, payload.length);
    }

    static byte[] encode(WalEntry entry) {
        byte[] bytes = new byte[recordBytes(entry.payload().length)];
        encode(entry, bytes, 0);
        return bytes;
    }

    static int crc(long index, int length, byte[] payload, int payloadFrom) {
        CRC32C crc = new CRC32C();
        byte[] head = ByteBuffer.allocate(12).putLong(index).putInt(length).array();
        crc.update(head, 0, head.length);
        crc.update(payload, payloadFrom, length);
        return (int) crc.getValue();
    }
}
