package io.rarakoon.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Splits a byte stream into frames and decodes each. Bytes are fed as they arrive, in any chunking;
 * {@link #nextMessage} decodes each complete frame once its last byte is in. A declared length is
 * checked against the caller's limit as soon as its four bytes are in, before the body is buffered
 * or allocated, so a peer can make us hold at most one frame of that limit.
 *
 * <p>Not thread-safe: one reader per connection, used by the connection's I/O thread. After a
 * {@link MalformedFrameException} the stream is out of sync and the connection must be closed.
 */
public final class FrameReader {
    private static final int INITIAL_BYTES = 256;

    private byte[] buffer = new byte[INITIAL_BYTES];
    private int start;
    private int end;

    /** Creates an empty reader. */
    public FrameReader() {}

    /**
     * Copies in the bytes that arrived on the stream, from the position of {@code bytes} to its
     * limit (the position ends at the limit). The buffer holds at most the bytes not yet returned,
     * so the caller must call {@link #nextMessage} until it is empty after each feed.
     */
    public void feed(ByteBuffer bytes) {
        int length = bytes.remaining();
        if (buffer.length - end < length) {
            makeRoom(length);
        }
        bytes.get(buffer, end, length);
        end += length;
    }

    /**
     * Decodes the next complete frame with {@code codec}, straight from the bytes fed (the body is
     * not copied out first), or returns empty if its bytes have not all arrived.
     *
     * @param frameBytesMax the largest body length accepted now (smaller before the handshake)
     * @throws MalformedFrameException if the declared length is below 1 or above frameBytesMax, or
     *     the body is malformed (see {@link WireCodec#decode(byte[])})
     */
    public Optional<Object> nextMessage(WireCodec codec, int frameBytesMax)
            throws MalformedFrameException {
        if (end - start < Limits.LENGTH_PREFIX_BYTES) {
            return Optional.empty();
        }
        int bodyBytes = readLengthPrefix(buffer, start, frameBytesMax);
        if (end - start - Limits.LENGTH_PREFIX_BYTES < bodyBytes) {
            return Optional.empty();
        }
        int bodyStart = start + Limits.LENGTH_PREFIX_BYTES;
        start = bodyStart + bodyBytes;
        Object message = codec.decodeBody(buffer, bodyStart, bodyBytes);
        if (start == end) {
            start = 0;
            end = 0;
        }
        return Optional.of(message);
    }

    /** Bytes fed but not yet returned as frames. */
    public int pendingBytes() {
        return end - start;
    }

    /**
     * Reads a little-endian int32 body length at {@code offset} and checks it against [1, max].
     *
     * @throws MalformedFrameException naming the value and the limit
     */
    static int readLengthPrefix(byte[] bytes, int offset, int frameBytesMax)
            throws MalformedFrameException {
        int bodyBytes =
                (bytes[offset] & 0xff)
                        | ((bytes[offset + 1] & 0xff) << 8)
                        | ((bytes[offset + 2] & 0xff) << 16)
                        | ((bytes[offset + 3] & 0xff) << 24);
        if (bodyBytes < 1 || bodyBytes > frameBytesMax) {
            throw new MalformedFrameException(
                    "frame length " + bodyBytes + " outside [1, " + frameBytesMax + "]");
        }
        return bodyBytes;
    }

    private void makeRoom(int length) {
        int pending = end - start;
        int needed = pending + length;
        if (needed > buffer.length) {
            buffer = Arrays.copyOfRange(buffer, start, start + Math.max(needed, buffer.length * 2));
        } else {
            System.arraycopy(buffer, start, buffer, 0, pending);
        }
        start = 0;
        end = pending;
    }
}
