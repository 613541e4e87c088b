package io.rarakoon.client;

/** Receives the progress of a long admin call, on the calling thread. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * Reports that {@code done} of {@code total} units are complete (bytes for getDb, frames for
     * collapse).
     */
    void progress(long done, long total);
}
