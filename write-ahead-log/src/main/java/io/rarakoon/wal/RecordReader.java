package io.rarakoon.wal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads records one by one from a stream, tracking the byte offset of each in its file. Lengths are
 * checked against {@link Limits#PAYLOAD_BYTES_MAX} and the known end of the data before a payload
 * buffer is allocated. After a {@link Bad} result the reader must not be used again.
 */
final class RecordReader {

    /** What the next read found. */
    sealed interface Next permits Record, End, Bad {}

    /** A record with a good checksum, starting at {@code offset}. */
    record Record(WalEntry entry, long offset) implements Next {}

    /**
     * The data ended at a record boundary, at {@code offset}: the end of the data, or a header of
     * zeros, where the unused preallocated space of the segment being written begins (no record
     * starts with sixteen zero bytes: its checksum could not match). A caller that knows where the
     * data must end checks the offset.
     */
    record End(long offset) implements Next {}

    /**
     * A record starting at {@code offset} is torn or fails its checksum; {@code torn} says the data
     * ended inside it.
     */
    record Bad(long offset, String what, Object expected, Object actual, boolean torn)
            implements Next {
        CorruptLogException toException(String fileName) {
            return new CorruptLogException(fileName, offset, what, expected, actual);
        }
    }

    private final InputStream in;
    private final long endOffset;
    private long offset;

    /** Reads from {@code in}, whose first byte lies at {@code startOffset}, until {@code end}. */
    RecordReader(InputStream in, long startOffset, long endOffset) {
        this.in = in;
        this.offset = startOffset;
        this.endOffset = endOffset;
    }

    Next next() throws IOException {
        long start = offset;
        byte[] header = new byte[RecordCodec.HEADER_BYTES];
        int headerRead = in.readNBytes(header, 0, header.length);
        if (headerRead == 0 || isZeros(header, headerRead)) {
            return new End(start);
        }
        if (headerRead < header.length) {
            return new Bad(start, "torn record header", header.length, headerRead, true);
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        long index = fields.getLong();
        int length = fields.getInt();
        int storedCrc = fields.getInt();
        if (length < 0 || length > Limits.PAYLOAD_BYTES_MAX) {
            return new Bad(
                    start,
                    "payload length over payloadBytesMax " + Limits.PAYLOAD_BYTES_MAX,
                    "0.." + Limits.PAYLOAD_BYTES_MAX,
                    length,
                    false);
        }
        long end = start + RecordCodec.recordBytes(length);
        if (end > endOffset) {
            return new Bad(start, "record extends past the end", endOffset, end, true);
        }
        byte[] payload = new byte[length];
        int payloadRead = in.readNBytes(payload, 0, length);
        if (payloadRead < length) {
            return new Bad(start, "torn record payload", length, payloadRead, true);
        }
        int actualCrc = RecordCodec.crc(index, length, payload, 0);
        if (actualCrc != storedCrc) {
            return new Bad(
                    start,
                    "record checksum",
                    FileHeader.hex(storedCrc),
                    FileHeader.hex(actualCrc),
                    false);
        }
        offset = end;
        if (index < 0) {
            return new Bad(start, "non-negative index", ">= 0", index, false);
        }
        return new Record(new WalEntry(index, payload), start);
    }

    private static boolean isZeros(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
