package io.rarakoon.client.protocol;

/**
 * Every limit of the client module, protocol and client alike. Decoders check lengths and counts
 * against these before allocating.
 */
public final class Limits {
    /**
     * Arakoon's default {@code max_value_size}: a value of this length or more is refused by the
     * server (spec §11.1). The server applies it; the codec only needs to carry such values.
     */
    public static final int VALUE_BYTES_MAX_DEFAULT = 8 * 1024 * 1024;

    /**
     * The largest string field the codec accepts: Arakoon's default {@code max_buffer_size}, since
     * a sequence blob larger than a node-to-node message could never be replicated (spec §13A D4).
     */
    public static final int STRING_BYTES_MAX = 32 * 1024 * 1024;

    /**
     * The largest cluster id in a prologue: it comes from a connection that is not yet trusted, so
     * it is kept small (Arakoon cluster ids are short names).
     */
    public static final int CLUSTER_ID_BYTES_MAX = 1024;

    /**
     * The most elements of one list or hash table (keys of MULTI_GET, steps of a sequence, range
     * results). Decoders never preallocate by a count, so this bounds work, not memory.
     */
    public static final int LIST_COUNT_MAX = 1024 * 1024;

    /** The deepest nesting of sequences, routing trees and named values: bounds recursion. */
    public static final int NESTING_DEPTH_MAX = 32;

    /**
     * The most bytes the incremental request decoder buffers for one request: the largest string
     * plus room for the fields around it.
     */
    public static final int REQUEST_BYTES_MAX = STRING_BYTES_MAX + 1024 * 1024;

    /**
     * The most bytes the client buffers for one response (large ranges); a GET_DB body is streamed
     * to a file and not counted.
     */
    public static final int RESPONSE_BYTES_MAX = 256 * 1024 * 1024;

    /**
     * The client's ceiling on one backoff pause: Arakoon's Python client grows its pause by 0.2 s
     * per retry; we cap it so a long deadline still retries often.
     */
    public static final long BACKOFF_MILLIS_MAX = 2_000;

    /** The most attempts of one client call, whatever its deadline: bounds every retry loop. */
    public static final int ATTEMPTS_MAX = 1_000;

    /** The client's read buffer: one socket read takes at most this many bytes. */
    public static final int READ_CHUNK_BYTES = 64 * 1024;

    private Limits() {}
}
