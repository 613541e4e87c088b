package io.rarakoon.messenger;

import java.nio.ByteBuffer;

/**
 * Receives the events of one stream (or of one connect attempt). The transport calls these methods
 * one at a time per stream, on the stream's I/O thread; they must not block.
 */
public interface StreamHandler {
    /** The stream is open (for an outgoing connect: the attempt succeeded). */
    void opened(Stream stream);

    /**
     * Bytes arrived, in stream order: those from the buffer's position to its limit. The buffer is
     * the transport's and valid only during the call (it may view memory the transport reuses): the
     * handler copies what it keeps.
     */
    void received(Stream stream, ByteBuffer bytes);

    /** The stream became writable again after {@link Stream#isWritable()} was false. */
    void writable(Stream stream);

    /** The stream is closed, by either side or by an error; no event follows. */
    void closed(Stream stream, String reason);

    /** An outgoing connect attempt failed before a stream existed; no event follows. */
    void connectFailed(String reason);
}
