package io.rarakoon.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An immutable byte string, ordered unsigned lexicographically (a proper prefix sorts before its
 * extensions, {@code 0xff} after {@code 0x7f}), as Arakoon orders keys.
 *
 * <p>Thread-safe (immutable). Instances never hand out their array: {@link #copyOf} and {@link
 * #toByteArray} copy, and {@link #writeTo} only lends it to an encoder for the call.
 */
public final class Bytes implements Comparable<Bytes> {

    /** The empty byte string, which sorts before every other. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    /** toString shows at most this many bytes so that huge values do not flood logs. */
    private static final int TO_STRING_BYTES_MAX = 32;

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns a byte string holding a copy of {@code bytes}. */
    public static Bytes copyOf(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /**
     * Returns a byte string holding a copy of {@code length} bytes of {@code bytes} from {@code
     * offset}: a decoder takes one straight out of the buffer it reads.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
     */
    public static Bytes copyOf(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Returns the UTF-8 encoding of {@code text}. */
    public static Bytes utf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code bytes}: the caller must never modify the array afterwards. */
    static Bytes wrap(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** The backing array, for package code that promises not to modify it. */
    byte[] array() {
        return bytes;
    }

    /** Number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** The byte at {@code index}, as an unsigned value 0..255. */
    public int unsignedByteAt(int index) {
        return bytes[index] & 0xff;
    }

    /** Returns a fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Hands the bytes to {@code sink} for the duration of the call, without a copy: an encoder
     * writes them straight into its buffer. The sink must neither modify nor keep the array.
     */
    public void writeTo(Consumer<byte[]> sink) {
        sink.accept(bytes);
    }

    /** Decodes the bytes as UTF-8, replacing malformed sequences. */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True if this byte string begins with {@code prefix}. */
    public boolean startsWith(Bytes prefix) {
        return startsWith(bytes, prefix.bytes);
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * Printable ASCII is shown as is, other bytes as {@code \xNN}; only the first {@value
     * #TO_STRING_BYTES_MAX} bytes are shown, followed by the total length.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("\"");
        int shown = Math.min(bytes.length, TO_STRING_BYTES_MAX);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format(Locale.ROOT, "\\x%02x", b));
            }
        }
        text.append('"');
        if (shown < bytes.length) {
            text.append("...(").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }
}
