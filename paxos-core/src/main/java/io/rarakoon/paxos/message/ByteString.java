package io.rarakoon.paxos.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An immutable byte string with value equality: one opaque client update inside a {@link
 * ClientValue}. The core never interprets these bytes; the node encodes and decodes them.
 *
 * <p>Thread-safe (immutable). The array is never handed out: {@link #copyOf}, {@link #toByteArray}
 * and {@link #copyTo} copy, and {@link #writeTo} only lends it to an encoder for the call.
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

    /**
     * Returns a byte string holding a copy of {@code length} bytes of {@code bytes} from {@code
     * offset}: a decoder takes one straight out of the buffer it reads.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
     */
    public static ByteString copyOf(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
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

    /**
     * Copies the bytes into {@code target} from {@code targetOffset}: a decoder reads them from a
     * buffer it keeps instead of a fresh array.
     *
     * @throws IndexOutOfBoundsException if they do not fit
     */
    public void copyTo(byte[] target, int targetOffset) {
        System.arraycopy(bytes, 0, target, targetOffset, bytes.length);
    }

    /**
     * Hands the bytes to {@code sink} for the duration of the call, without a copy: an encoder
     * writes them straight into its buffer. The sink must neither modify nor keep the array.
     */
    public void writeTo(Consumer<byte[]> sink) {
        sink.accept(bytes);
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
