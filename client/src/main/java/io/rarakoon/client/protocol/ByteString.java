package io.rarakoon.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: a key, a value, a name or a message of Arakoon's protocol.
 *
 * <p>Arakoon compares keys as unsigned bytes, so {@link #compareTo} does too (Java's {@code byte}
 * is signed). Equality and hashing are by content. Instances are thread-safe.
 */
public final class ByteString implements Comparable<ByteString> {
    /** The empty byte string. */
    public static final ByteString EMPTY = new ByteString(new byte[0]);

    private final byte[] bytes;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns a byte string holding a copy of {@code bytes}. */
    public static ByteString of(byte[] bytes) {
        return new ByteString(bytes.clone());
    }

    /** Returns a byte string holding a copy of {@code length} bytes of {@code bytes}. */
    public static ByteString of(byte[] bytes, int offset, int length) {
        return new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Returns the UTF-8 encoding of {@code text}. */
    public static ByteString utf8(String text) {
        return new ByteString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses lowercase or uppercase hex digits, ignoring whitespace. */
    public static ByteString fromHex(String hex) {
        return new ByteString(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }

    /** Wraps {@code bytes} without copying; the caller must never modify them afterwards. */
    static ByteString wrap(byte[] bytes) {
        return new ByteString(bytes);
    }

    /** Returns the number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Returns the byte at {@code index}. */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** Returns a copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Decodes the bytes as UTF-8 (malformed sequences become U+FFFD). */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Returns the bytes as lowercase hex without separators. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Returns true if this byte string begins with {@code prefix}. */
    public boolean startsWith(ByteString prefix) {
        return prefix.bytes.length <= bytes.length
                && Arrays.equals(
                        bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** Copies the bytes into {@code target} at {@code offset}. */
    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Override
    public int compareTo(ByteString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Shows printable ASCII as text and anything else as hex, for logs and test failures. */
    @Override
    public String toString() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + toHex();
            }
        }
        return '"' + new String(bytes, StandardCharsets.US_ASCII) + '"';
    }
}
