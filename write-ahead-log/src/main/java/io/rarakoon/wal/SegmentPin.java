package io.rarakoon.wal;

/**
 * Keeps a segment and every later one from being deleted by a collapse until closed, so a catch-up
 * stream can read them (spec §3.8 "catch-up protection"). Closing twice is harmless. May be closed
 * from any thread.
 */
public final class SegmentPin implements AutoCloseable {
    private final Catalog catalog;
    private final long segment;
    private boolean closed;

    SegmentPin(Catalog catalog, long segment) {
        this.catalog = catalog;
        this.segment = segment;
    }

    /** The pinned segment's number. */
    public long segment() {
        return segment;
    }

    /** Releases the pin. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            catalog.unpin(segment);
        }
    }
}
