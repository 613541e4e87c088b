package io.rarakoon.client.protocol;

import java.util.Arrays;
import java.util.Optional;

/** Writes Arakoon's primitive encodings (spec §2), little-endian, into a growing array. */
final class WireWriter {
    private byte[] buffer = new byte[64];
    private int size;

    private void ensure(int more) {
        if (buffer.length - size < more) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("encoded frame would exceed 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }

    WireWriter i8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    WireWriter i32(int value) {
        ensure(4);
        buffer[size] = (byte) value;
        buffer[size + 1] = (byte) (value >>> 8);
        buffer[size + 2] = (byte) (value >>> 16);
        buffer[size + 3] = (byte) (value >>> 24);
        size += 4;
        return this;
    }

    WireWriter i64(long value) {
        i32((int) value);
        return i32((int) (value >>> 32));
    }

    WireWriter bool(boolean value) {
        return i8(value ? 1 : 0);
    }

    WireWriter string(ByteString value) {
        i32(value.length());
        ensure(value.length());
        value.copyTo(buffer, size);
        size += value.length();
        return this;
    }

    WireWriter option(Optional<ByteString> value) {
        bool(value.isPresent());
        value.ifPresent(this::string);
        return this;
    }

    WireWriter consistency(Consistency consistency) {
        if (consistency instanceof Consistency.AtLeast atLeast) {
            return i8(2).i64(atLeast.stamp());
        }
        return i8(consistency instanceof Consistency.NoGuarantees ? 1 : 0);
    }

    /** Reserves a string's length field; close it with {@link #endBlob}. */
    int beginBlob() {
        i32(0);
        return size;
    }

    /** Fills in the length of the string begun at {@code mark}. */
    void endBlob(int mark) {
        int length = size - mark;
        int saved = size;
        size = mark - 4;
        i32(length);
        size = saved;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
