package io.rarakoon.wire;

/** The limits of the wire format, each with the reason for its value. */
public final class Limits {
    /**
     * Largest frame body (tag + message), in bytes: 32 MiB, Arakoon's {@code max_buffer_size} for
     * inter-node frames. A receiver never buffers more than one frame of this size per connection.
     */
    public static final int FRAME_BYTES_MAX = 32 * 1024 * 1024;

    /**
     * Largest frame body before the handshake has been validated, in bytes. An unknown peer (or a
     * port scanner sending garbage) may not make us buffer more than this.
     */
    public static final int HANDSHAKE_FRAME_BYTES_MAX = 1024;

    /** Bytes of the length prefix in front of every frame body (a little-endian int32). */
    public static final int LENGTH_PREFIX_BYTES = 4;

    /**
     * Room for a message's fixed fields around its largest byte array: tag (1), index or offset
     * (8), flag (1), a varint length (at most 5), rounded up generously.
     */
    public static final int MESSAGE_OVERHEAD_BYTES_MAX = 64;

    /**
     * Largest opaque payload of one catch-up log entry, in bytes: whatever still fits in a frame. A
     * log entry holds one Paxos value, which the node bounds far below this.
     */
    public static final int ENTRY_PAYLOAD_BYTES_MAX = FRAME_BYTES_MAX - MESSAGE_OVERHEAD_BYTES_MAX;

    /**
     * Largest head snapshot chunk, in bytes: 1 MiB. Snapshots are gigabytes; streaming them in
     * small chunks keeps both ends' memory flat and lets other frames interleave.
     */
    public static final int SNAPSHOT_CHUNK_BYTES_MAX = 1024 * 1024;

    /** Longest cluster id, in UTF-8 bytes: generous for a human-chosen name, tiny for a frame. */
    public static final int CLUSTER_ID_BYTES_MAX = 255;

    /** Longest node name, in UTF-8 bytes: generous for a human-chosen name, tiny for a frame. */
    public static final int NODE_NAME_BYTES_MAX = 255;

    /**
     * Deepest nesting of sequences inside sequences in a kv-store update, as the client protocol
     * allows (32): a bound on the decoder's recursion.
     */
    public static final int UPDATE_NESTING_DEPTH_MAX = 32;

    /**
     * Most items in one sequence or assert_range list of a kv-store update. Each item takes at
     * least one byte, so a frame bounds lists anyway; the count is checked before allocating.
     */
    public static final int UPDATE_LIST_COUNT_MAX = 1024 * 1024;

    private Limits() {}
}
