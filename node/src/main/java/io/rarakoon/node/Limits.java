package io.rarakoon.node;

import io.rarakoon.node.config.ClientLimits;

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
     * Client connections a node serves at once by default ({@code max_connections}); one more gets
     * "too many clients" (spec §2.5). Arakoon allows max(200, soft open-file limit - 200), 824 with
     * the common limit of 1024; we fix 800 so the cap does not depend on the machine.
     */
    public static final int CLIENT_CONNECTIONS_MAX = 800;

    /**
     * The longest key a client write may carry by default ({@code max_key_size}): 1 MiB. Arakoon
     * has no key limit besides its buffers, and keys are ordered map entries that every range and
     * prefix query compares, so a generous bound keeps legitimate keys and stops absurd ones.
     */
    public static final int CLIENT_KEY_BYTES_MAX = 1024 * 1024;

    /**
     * Requests one client connection may have outstanding by default ({@code
     * max_outstanding_requests}). Arakoon's clients send one request at a time; 32 lets a
     * pipelining client keep a node busy while bounding what it can make the node hold.
     */
    public static final int CLIENT_OUTSTANDING_REQUESTS_MAX = 32;

    /** The client limits of a cluster file that sets none of them; idle connections stay open. */
    public static ClientLimits clientDefaults() {
        return new ClientLimits(
                CLIENT_CONNECTIONS_MAX,
                CLIENT_KEY_BYTES_MAX,
                io.rarakoon.client.protocol.Limits.REQUEST_BYTES_MAX,
                0,
                CLIENT_OUTSTANDING_REQUESTS_MAX);
    }

    /**
     * The smallest node-to-node frame limit a cluster file may set ({@code max_buffer_size}): the
     * largest Paxos value paxos-core lets a master batch, plus 1 MiB for the message around it. A
     * lower limit would drop every Accept of a full batch and stall the cluster.
     */
    public static final int PEER_FRAME_BYTES_MIN =
            Math.toIntExact(io.rarakoon.paxos.Limits.VALUE_BYTES_MAX + 1024 * 1024);

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
