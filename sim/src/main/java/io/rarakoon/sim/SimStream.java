package io.rarakoon.sim;

import io.rarakoon.messenger.Stream;
import io.rarakoon.messenger.StreamHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One end of a simulated byte stream, owned by one node incarnation. Written bytes wait until
 * {@link #flush()}, then travel in order as chunks (the far end's reads) through {@link
 * SimStreams}, which delivers, stalls and resets them. Bytes queued or on the way count against
 * {@link #HIGH_WATER_BYTES}, as a socket's send buffer does. Single-threaded (the world's thread);
 * the handler hears every event inside its node's incarnation.
 */
final class SimStream implements Stream {
    /** Queued and travelling bytes above which the stream is not writable (Netty's default). */
    static final int HIGH_WATER_BYTES = 64 * 1024;

    /** Queued and travelling bytes below which a not-writable stream is writable again. */
    static final int LOW_WATER_BYTES = 32 * 1024;

    /** A piece of the byte stream on its way to the far end; null bytes mark the end (FIN). */
    record Chunk(byte[] bytes, long dueNanos) {}

    final int node;
    final SimScheduler context;
    private final SimStreams network;
    private final String name;
    private SimStream far;
    private StreamHandler handler;
    private final List<byte[]> unflushed = new ArrayList<>();
    final ArrayDeque<Chunk> travelling = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writable = true;
    boolean closed;
    boolean readingPaused;
    boolean pumpScheduled;
    long stalledUntilNanos;
    long retryNanos;

    SimStream(SimStreams network, int node, SimScheduler context, String name) {
        this.network = network;
        this.node = node;
        this.context = context;
        this.name = name;
    }

    /** Joins two fresh ends: each one's bytes travel to the other. */
    static void pair(SimStream a, SimStream b) {
        a.far = b;
        b.far = a;
    }

    /** Sets who hears this end's events; once, before any event. */
    void setHandler(StreamHandler streamHandler) {
        handler = streamHandler;
    }

    SimStream far() {
        return far;
    }

    StreamHandler handler() {
        return handler;
    }

    @Override
    public void write(byte[] bytes) {
        if (closed) {
            return;
        }
        unflushed.add(bytes);
        queuedBytes += bytes.length;
        if (queuedBytes > HIGH_WATER_BYTES) {
            writable = false;
        }
    }

    @Override
    public void flush() {
        if (closed || unflushed.isEmpty()) {
            return;
        }
        List<byte[]> flushed = List.copyOf(unflushed);
        unflushed.clear();
        network.send(this, flushed);
    }

    /** Bytes of a chunk reached the far end: the send buffer drains. */
    void delivered(int bytes) {
        queuedBytes -= bytes;
        if (!writable && queuedBytes < LOW_WATER_BYTES && !closed) {
            writable = true;
            context.runNow(() -> handler.writable(this));
        }
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void pauseReading() {
        readingPaused = true;
    }

    @Override
    public void resumeReading() {
        if (readingPaused) {
            readingPaused = false;
            network.resumeTowards(this);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        network.finish(this);
        context.runAfterNanos(0, () -> handler.closed(this, "closed"));
    }

    /** The stream ended by the far end or a reset; the handler hears it once. */
    void closedBy(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        unflushed.clear();
        travelling.clear();
        context.runNow(() -> handler.closed(this, reason));
    }

    @Override
    public void execute(Runnable task) {
        context.runAfterNanos(0, task);
    }

    /**
     * Never: a simulated node's loop and its streams' I/O are separate tasks, as if on separate
     * threads, so every write waits for a drain task.
     */
    @Override
    public boolean onIoThread() {
        return false;
    }

    @Override
    public String describe() {
        return name;
    }
}
