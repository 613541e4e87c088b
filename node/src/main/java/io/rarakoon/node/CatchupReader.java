package io.rarakoon.node;

import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.EntryCursor;
import io.rarakoon.wal.WalEntry;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * The catch-up source's read position between the batches of one peer's catch-up. Each batch asks
 * for the index right after the previous one; continuing the previous batch's cursor reads every
 * segment once, where a cursor opened per batch reads its segment from the start each time, which
 * grows with the square of the segment's length. A kept cursor pins its first segment against a
 * collapse, so one left idle for {@code idleMillisMax} is closed. Loop thread.
 */
final class CatchupReader implements Closeable {
    private final NodeStorage storage;
    private final long idleMillisMax;
    private Optional<NodeId> peer = Optional.empty();
    private Optional<EntryCursor> cursor = Optional.empty();
    private Optional<WalEntry> unsent = Optional.empty();
    private long usedAtMillis;

    CatchupReader(NodeStorage storage, long idleMillisMax) {
        this.storage = storage;
        this.idleMillisMax = idleMillisMax;
    }

    /**
     * Starts a batch for {@code from} at {@code first}: continues the kept cursor when it stopped
     * right before {@code first} for the same peer, else opens a new one.
     *
     * @throws IOException when the log cannot be read
     */
    void start(NodeId from, long first, long nowMillis) throws IOException {
        usedAtMillis = nowMillis;
        boolean continues =
                peer.equals(Optional.of(from))
                        && unsent.filter(entry -> entry.index() == first).isPresent();
        if (!continues) {
            close();
            peer = Optional.of(from);
            cursor = Optional.of(storage.wal().entries(first));
        }
    }

    /** The batch's next entry, in index order; empty when the cursor has no more. */
    Optional<WalEntry> next() throws IOException {
        if (unsent.isPresent()) {
            Optional<WalEntry> entry = unsent;
            unsent = Optional.empty();
            return entry;
        }
        return cursor.orElseThrow().next();
    }

    /**
     * Ends the batch: keeps the cursor for the next batch, with {@code notSent} (the entry read but
     * not sent) as its first entry, or closes it when the cursor ran out.
     */
    void end(Optional<WalEntry> notSent) throws IOException {
        if (notSent.isEmpty()) {
            close();
        } else {
            unsent = notSent;
        }
    }

    /** Closes a cursor left idle for {@code idleMillisMax}, releasing its segment's pin. */
    void closeIfIdle(long nowMillis) throws IOException {
        if (cursor.isPresent() && nowMillis - usedAtMillis >= idleMillisMax) {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        Optional<EntryCursor> open = cursor;
        cursor = Optional.empty();
        unsent = Optional.empty();
        peer = Optional.empty();
        if (open.isPresent()) {
            open.get().close();
        }
    }
}
