package io.rarakoon.wal;

/** The limits of the write-ahead-log module; LimitsTest checks how they relate. */
public final class Limits {

    /**
     * Default entries per segment, Arakoon's default tlog size. Every node of a cluster must use
     * the same value, because catch-up ships whole segments and segment = index div this value.
     */
    public static final int ENTRIES_PER_SEGMENT_DEFAULT = 100_000;

    /**
     * Smallest entries per segment. With one entry per segment a completed segment could be the one
     * holding a collapse target's successor; two keeps the collapse arithmetic meaningful.
     */
    public static final int ENTRIES_PER_SEGMENT_MIN = 2;

    /**
     * Largest entries per segment. Entry counts of a compressed segment are stored as int32 and a
     * segment must stay small enough to compress and ship in reasonable time.
     */
    public static final int ENTRIES_PER_SEGMENT_MAX = 10_000_000;

    /**
     * Largest payload of one entry. A payload is one encoded Paxos value, which carries at most one
     * client frame (Arakoon's max_buffer_size, 32 MiB) plus its encoding; a record on disk claiming
     * more is corrupt and is rejected before any buffer is allocated for it.
     */
    public static final int PAYLOAD_BYTES_MAX = 40 * 1024 * 1024;

    /**
     * Bytes buffered by appends before they are written to the segment file. Group commit writes a
     * batch with one write call; a record larger than the buffer is written directly.
     */
    static final int APPEND_BUFFER_BYTES = 1024 * 1024;

    /**
     * Bytes of zeros the log writes ahead of its appends in the segment being written, a step at a
     * time. An fsync of bytes written over allocated blocks commits no change of the file's size,
     * which costs a file-system journal commit: on ext4 such an fsync took two thirds of the time
     * of one that grows the file. One step's write and its share of an fsync are paid once per step
     * of log.
     */
    static final int PREALLOCATE_BYTES = 64 * 1024;

    /** Bytes read per call when scanning files, so reads are few and buffers small. */
    static final int READ_CHUNK_BYTES = 64 * 1024;

    /** The zstd level for completed segments: zstd's default, fast with a good ratio. */
    static final int ZSTD_LEVEL = 3;

    private Limits() {}
}
