package io.rarakoon.messenger;

/**
 * One open byte stream between two nodes, as the {@link Transport} hands it out. Writes never
 * block: the transport queues them, and {@link #isWritable()} turns false when its queue passes a
 * high-water mark, so a writer that checks it bounds the bytes queued per stream.
 *
 * <p>Thread-safety: every method may be called from any thread. Callbacks about this stream arrive
 * on its I/O thread, the thread {@link #execute} runs tasks on.
 */
public interface Stream {
    /**
     * Queues bytes for sending; they leave on {@link #flush()}. Dropped if the stream is closed.
     */
    void write(byte[] bytes);

    /** Sends everything queued so far. */
    void flush();

    /**
     * False while the transport's queue for this stream is above its high-water mark; the stream's
     * handler hears {@link StreamHandler#writable} when it drains below the low-water mark.
     */
    boolean isWritable();

    /**
     * Stops reading from the stream until {@link #resumeReading}: bytes the transport already read
     * may still arrive, then the sender is held back by the transport's flow control (TCP's
     * window). Idempotent.
     */
    void pauseReading();

    /** Reads from the stream again after {@link #pauseReading}. Idempotent. */
    void resumeReading();

    /** Closes the stream; idempotent. The handler then hears {@link StreamHandler#closed}. */
    void close();

    /** Runs a task on this stream's I/O thread, after the tasks already queued there. */
    void execute(Runnable task);

    /**
     * Whether the caller runs on this stream's I/O thread, where it may write without a hand-off (a
     * thread that shares its I/O thread with other work, such as a node's loop).
     */
    boolean onIoThread();

    /** A short description for logs, such as the remote address. */
    String describe();
}
