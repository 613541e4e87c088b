package io.rarakoon.client.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads Arakoon's primitive encodings (spec §2) from a byte range, little-endian. A reader over a
 * complete blob (a string that holds a sequence, a routing tree, statistics) turns running out of
 * bytes into a malformed-input error; a reader over a stream prefix reports an underflow instead.
 */
final class WireReader {
    private final byte[] buffer;
    private final int start;
    private final int end;
    private final boolean complete;
    private int position;

    private WireReader(byte[] buffer, int offset, int length, boolean complete) {
        this.buffer = buffer;
        this.start = offset;
        this.end = offset + length;
        this.complete = complete;
        this.position = offset;
    }

    /** A reader over the buffered prefix of a stream. */
    static WireReader ofPrefix(byte[] buffer, int offset, int length) {
        return new WireReader(buffer, offset, length, false);
    }

    /** A reader over complete bytes. */
    static WireReader ofComplete(byte[] buffer, int offset, int length) {
        return new WireReader(buffer, offset, length, true);
    }

    int consumed() {
        return position - start;
    }

    int remaining() {
        return end - position;
    }

    private void require(int bytes, String field) throws WireException {
        if (end - position < bytes) {
            if (complete) {
                throw new WireException.Malformed(
                        DecodeError.malformed(
                                "truncated "
                                        + field
                                        + ": needs "
                                        + bytes
                                        + " bytes, "
                                        + (end - position)
                                        + " left"));
            }
            throw new WireException.Underflow(position - start + bytes);
        }
    }

    byte readByte(String field) throws WireException {
        require(1, field);
        return buffer[position++];
    }

    int readI32(String field) throws WireException {
        require(4, field);
        int value =
                (buffer[position] & 0xff)
                        | (buffer[position + 1] & 0xff) << 8
                        | (buffer[position + 2] & 0xff) << 16
                        | (buffer[position + 3] & 0xff) << 24;
        position += 4;
        return value;
    }

    long readI64(String field) throws WireException {
        long low = readI32(field) & 0xffffffffL;
        long high = readI32(field);
        return high << 32 | low;
    }

    boolean readBool(String field) throws WireException {
        byte value = readByte(field);
        if (value == 0) {
            return false;
        }
        if (value == 1) {
            return true;
        }
        throw malformed(field + ": bool byte " + (value & 0xff) + " is neither 0 nor 1");
    }

    /** Reads a length-prefixed string of at most {@code bytesMax} bytes. */
    ByteString readString(String field, int bytesMax) throws WireException {
        int length = readLength(field, bytesMax);
        require(length, field);
        byte[] bytes = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return ByteString.wrap(bytes);
    }

    ByteString readString(String field) throws WireException {
        return readString(field, Limits.STRING_BYTES_MAX);
    }

    /** Reads a length-prefixed blob as a complete reader over it, without copying. */
    WireReader readBlob(String field) throws WireException {
        int length = readLength(field, Limits.STRING_BYTES_MAX);
        require(length, field);
        WireReader blob = new WireReader(buffer, position, length, true);
        position += length;
        return blob;
    }

    private int readLength(String field, int bytesMax) throws WireException {
        int length = readI32(field + " length");
        if (length < 0) {
            throw malformed(field + " length " + length + " is negative");
        }
        if (length > bytesMax) {
            throw new WireException.Malformed(
                    DecodeError.tooLarge(
                            field + " length", length, bytesMaxName(bytesMax), bytesMax));
        }
        return length;
    }

    private static String bytesMaxName(int bytesMax) {
        return bytesMax == Limits.CLUSTER_ID_BYTES_MAX ? "clusterIdBytesMax" : "stringBytesMax";
    }

    Optional<ByteString> readOption(String field) throws WireException {
        return readBool(field + " present") ? Optional.of(readString(field)) : Optional.empty();
    }

    /** Reads a list or hash-table count: never negative, at most {@link Limits#LIST_COUNT_MAX}. */
    int readCount(String field) throws WireException {
        int count = readI32(field + " count");
        if (count < 0) {
            throw malformed(field + " count " + count + " is negative");
        }
        if (count > Limits.LIST_COUNT_MAX) {
            throw new WireException.Malformed(
                    DecodeError.tooLarge(
                            field + " count", count, "listCountMax", Limits.LIST_COUNT_MAX));
        }
        return count;
    }

    Consistency readConsistency() throws WireException {
        byte tag = readByte("consistency");
        return switch (tag) {
            case 0 -> Consistency.CONSISTENT;
            case 1 -> Consistency.NO_GUARANTEES;
            case 2 -> Consistency.atLeast(readI64("consistency stamp"));
            default -> throw malformed("consistency tag " + (tag & 0xff) + " is not 0, 1 or 2");
        };
    }

    static WireException.Malformed malformed(String message) {
        return new WireException.Malformed(DecodeError.malformed(message));
    }

    static void checkDepth(int depth, String field) throws WireException {
        if (depth > Limits.NESTING_DEPTH_MAX) {
            throw new WireException.Malformed(
                    DecodeError.tooLarge(
                            field + " nesting depth",
                            depth,
                            "nestingDepthMax",
                            Limits.NESTING_DEPTH_MAX));
        }
    }
}
