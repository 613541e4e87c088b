package io.rarakoon.paxos.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte string with value equality: one opaque client update inside a {@link
 * ClientValue}. The core never interprets these bytes; the node encodes and decodes them.
 *
 * <p>Thread-safe (immutable). The array is never exposed: {@link #copyOf} and {@link #toByteArray}
 * copy.
 */
public final class ByteString {

    /** toString shows at most this many bytes so that large updates do not flood traces. */
    private static final int TO_STRING_BYTES_MAX = 16;

    private final byte[] bytes;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns a byte string holding a copy of {@code bytes}. */
    public static ByteString copyOf(byte[] bytes) {
        return new ByteString(bytes.clone());
    }

    /** Returns the UTF-8 encoding of {@code text}. */
    public static ByteString utf8(String text) {
        return new ByteString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Returns a fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Printable ASCII as text, anything else as hex; long strings are cut with their length. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        int shown = Math.min(bytes.length, TO_STRING_BYTES_MAX);
        boolean printable = true;
        for (int i = 0; i < shown; i++) {
            printable &= bytes[i] >= 0x20 && bytes[i] < 0x7f;
        }
        for (int i = 0; i < shown; i++) {
            if (printable) {
                text.append((char) bytes[i]);
            } else {
                text.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16));
                text.append(Character.forDigit(bytes[i] & 0xf, 16));
            }
        }
        if (shown < bytes.length) {
            text.append("...(").append(bytes.length).append(" bytes)");
        }
        return printable ? "'" + text + "'" : "0x" + text;
    }
}
