package io.rarakoon.node;

/** The limits of the node module, each with the reason for its value; LimitsTest relates them. */
public final class Limits {

    /**
     * Events one turn of the loop steps before it executes their effects. More events per turn
     * share one fsync (group commit); fewer keep a turn short so ticks and replies are not held
     * back. 256 matches paxos-core's updates per value, so a full client batch fits one turn.
     */
    public static final int EVENTS_PER_TURN_MAX = 256;

    /**
     * The largest store GET_DB (backup-db) sends. The loop serializes the snapshot in memory so the
     * store cannot change under it; past this size the request is refused with a clear message
     * rather than risking the heap. A streamed backup lifts this limit later.
     */
    public static final int GET_DB_BYTES_MAX = 1 << 30;

    /**
     * Peer messages waiting for the loop; beyond this they are dropped and counted. Paxos re-sends
     * what matters, and a bounded inbox keeps a flood from a peer out of the heap.
     */
    public static final int PEER_INBOX_MESSAGES_MAX = 4096;

    /**
     * Client requests waiting for the loop; beyond this a request is answered "busy" at once. Four
     * times paxos-core's pending-update bound: enough for every connection of a busy node to have
     * one request queued without a client ever waiting on an unbounded queue.
     */
    public static final int CLIENT_QUEUE_REQUESTS_MAX =
            4 * io.rarakoon.paxos.Limits.PENDING_UPDATES_MAX;

    /**
     * Client connections a node serves at once; one more gets "too many clients" (spec §2.5).
     * Arakoon allows max(200, soft open-file limit - 200), 824 with the common limit of 1024; we
     * fix 800 so the cap does not depend on the machine.
     */
    public static final int CLIENT_CONNECTIONS_MAX = 800;

    /**
     * Frames queued per peer before sends to it drop: enough for a full pipeline of Accepts and
     * lease renewals while a link reconnects, small enough to bound memory per peer.
     */
    public static final int PEER_SEND_BUFFER_FRAMES_MAX = 1024;

    /**
     * How often the automatic collapse checks whether enough segments lie past the head. A check
     * only counts files; segments fill at most a few per minute, so ten seconds is prompt enough.
     */
    public static final long AUTO_COLLAPSE_CHECK_MILLIS = 10_000;

    /**
     * Entries a catch-up source sends per batch. The receiver asks for each batch, so this bounds
     * what a lost batch costs and keeps a batch well inside the messenger's per-peer send buffer.
     */
    public static final int CATCHUP_BATCH_ENTRIES_MAX = 64;

    /**
     * Payload bytes a catch-up source sends per batch (at least one entry is always sent): bounds
     * the memory a batch takes in the send buffer when values are large.
     */
    public static final long CATCHUP_BATCH_BYTES_MAX = 16L * 1024 * 1024;

    /**
     * Largest head snapshot a catch-up sends or receives, in bytes: 256 MiB. Both ends hold it in
     * memory, and its chunks ({@link io.rarakoon.wire.Limits#SNAPSHOT_CHUNK_BYTES_MAX} each) are
     * queued at once, so they must fit the per-peer send buffer with a batch of entries after them.
     */
    public static final int CATCHUP_SNAPSHOT_BYTES_MAX = 256 * 1024 * 1024;

    /**
     * Ticks per lease period. The core's shortest timeout is L/40 of jitter on L/4 deadlines; 20
     * ticks per lease notice a deadline within 5% of L, well inside the 10% jitter Arakoon uses.
     */
    public static final int TICKS_PER_LEASE = 20;

    private Limits() {}
}
