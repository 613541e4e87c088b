package io.rarakoon.node;

/**
 * One client's byte stream as the node sees it, whatever carries it (Netty in production, simulated
 * streams in the simulator, a fake in tests).
 */
public interface ClientConnection {
    /** Sends {@code bytes} (queued and flushed by the transport); never blocks. Any thread. */
    void write(byte[] bytes);

    /**
     * False while the transport's outbound queue for this connection is above its high-water mark;
     * the session hears {@link ClientSession#writable} when it drains. Connection thread.
     */
    boolean isWritable();

    /** Stops reading from the client until {@link #resumeReading}. Connection thread. */
    void pauseReading();

    /** Reads from the client again. Connection thread. */
    void resumeReading();

    /** Closes the connection after the bytes written so far; idempotent. Any thread. */
    void close();

    /** Runs {@code task} on the connection's own thread, after the tasks queued there. */
    void execute(Runnable task);
}
