package io.rarakoon.wal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Builds a head snapshot for the {@link Collapser} without touching the live store: start from the
 * previous head's bytes (or from nothing), apply log entries in index order, write the result. The
 * owner of the store implements it (the node with kv-store); the log treats the bytes as opaque.
 * One builder serves one collapse, on the collapser's thread.
 */
public interface HeadBuilder {

    /**
     * Loads the previous head snapshot; called at most once, before any {@link #apply}, and not at
     * all when there is no head yet (the builder then starts from an empty store).
     *
     * @throws IOException when the bytes cannot be read or are not a valid snapshot
     */
    void load(InputStream previousHead) throws IOException;

    /**
     * Applies one entry: indexes arrive in increasing order, each once, with its last payload.
     *
     * @throws IOException when the payload cannot be decoded or applied
     */
    void apply(long index, byte[] payload) throws IOException;

    /**
     * Writes the snapshot of the state built so far; the collapser makes it durable.
     *
     * @throws IOException when writing fails
     */
    void write(OutputStream out) throws IOException;
}
