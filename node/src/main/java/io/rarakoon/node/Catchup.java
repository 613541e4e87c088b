package io.rarakoon.node;

import io.rarakoon.kv.KvStore;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.SegmentPin;
import io.rarakoon.wal.Wal;
import io.rarakoon.wal.WalEntry;
import io.rarakoon.wire.CatchupBatchEnd;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.CatchupRequest;
import io.rarakoon.wire.SnapshotChunk;
import io.rarakoon.wire.SnapshotHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up over the peer messenger (spec §1.14), both roles, pulled in batches so that a lost frame
 * costs one retry and never a wrong log. The node that is behind sends a {@link CatchupRequest};
 * the source answers with its chosen entries (up to its applied index) as {@link CatchupEntry}
 * frames, whose payloads are its WAL payloads, and a {@link CatchupBatchEnd}. The receiver logs the
 * payloads of the entries that continue its log as they came, starts the batch's fsync on the
 * syncer, applies the batch and asks for the next one while the fsync runs (the log waits for it
 * before the next batch is logged), until it reaches the source's applied index, the source sends
 * nothing new, or a lease period passes without a batch end; then it forces the log, so that
 * everything it reports is durable, and the loop reports CatchupFinished to the core. The store
 * takes the batches as a bulk load ({@link KvStore#startBulkLoad}), as a replay does: the writes
 * are sorted in when the catch-up ends. Meanwhile the store may be a batch ahead of the durable
 * log: the core hears of neither before the end, COPY_DB_TO_HEAD is refused, and a crash loses the
 * store with the batch.
 *
 * <p>When the source has collapsed the requested entries into its head snapshot, it first sends
 * that snapshot: a {@link SnapshotHeader} (head index, size, CRC32C) and bounded {@link
 * SnapshotChunk}s, then the entries after the head. The receiver checks the chunks ({@link
 * IncomingSnapshot}); at the batch end it installs the snapshot durably as its own head, which
 * restarts its log after it, restores its store from it, then logs the entries that followed. A
 * snapshot that fails a check is refused with an ERROR line naming what is wrong and nothing is
 * installed; the catch-up then ends without progress and the core asks again. Loop thread only.
 */
final class Catchup {
    private static final Logger LOG = LoggerFactory.getLogger(Catchup.class);

    /**
     * A catch-up ended.
     *
     * @param lastApplied the last entry it logged and applied; empty if it got none, in which case
     *     the log still ends with the core's last accepted entry (a head is installed only with an
     *     entry after it)
     */
    record Finished(Optional<LogEntry> lastApplied) {}

    /** A head snapshot received whole and checked, waiting for the entries after it. */
    private record ReceivedHead(long index, byte[] snapshot) {
        @Override
        public String toString() {
            return "index " + index;
        }
    }

    /** An entry received and checked, with the log payload it came in. */
    private record ReceivedEntry(LogEntry entry, byte[] payload) {}

    /** One catch-up in progress on the receiving side. */
    private static final class Run {
        final NodeId source;
        final List<ReceivedEntry> received = new ArrayList<>();
        Optional<IncomingSnapshot> snapshot = Optional.empty();
        Optional<ReceivedHead> head = Optional.empty();
        long deadlineMillis;
        boolean appliedAny;
        LogEntry lastApplied;

        Run(NodeId source, long deadlineMillis) {
            this.source = source;
            this.deadlineMillis = deadlineMillis;
        }
    }

    private final NodeId self;
    private final NodeStorage storage;
    private final PeerSender peers;
    private final NodeStatistics statistics;
    private final long timeoutMillis;
    private final Executor syncer;
    private final CatchupReader reader;
    private Optional<Run> run = Optional.empty();

    Catchup(
            NodeId self,
            NodeStorage storage,
            PeerSender peers,
            Executor syncer,
            NodeStatistics statistics,
            long timeoutMillis) {
        this.self = self;
        this.storage = storage;
        this.peers = peers;
        this.syncer = syncer;
        this.statistics = statistics;
        this.timeoutMillis = timeoutMillis;
        this.reader = new CatchupReader(storage, timeoutMillis);
    }

    /** The core asked to catch up from {@code source}: ask it for the first batch. */
    void start(NodeId source, long nowMillis) {
        closeReader();
        Run started = new Run(source, nowMillis + timeoutMillis);
        run = Optional.of(started);
        statistics.catchupStarted();
        LOG.info("{} catches up from {} at index {}", self, source, expectedIndex());
        askNext(started, nowMillis);
    }

    /**
     * Source side: sends one batch of chosen entries from the requested index, preceded by the head
     * snapshot when the log no longer holds that index. The segments read are pinned, so a collapse
     * running meanwhile cannot delete them.
     */
    void onRequest(NodeId from, CatchupRequest request, long nowMillis) {
        Wal wal = storage.wal();
        long applied = storage.store().appliedIndex().orElse(-1);
        long first = request.fromIndex();
        long last = first - 1;
        try (SegmentPin pin = wal.pin(first)) {
            assert pin.segment() == first / wal.entriesPerSegment() : "pinned " + pin.segment();
            long head = wal.headIndex();
            if (head != Wal.NO_INDEX && first <= head && isCollapsed(wal, first)) {
                if (sendHead(from, head)) {
                    first = head + 1;
                    last = head;
                }
            }
            if (!isCollapsed(wal, first) && first <= applied) {
                last = Math.max(last, sendEntries(from, first, applied, nowMillis));
            }
        }
        peers.send(from, new CatchupBatchEnd(last, applied));
    }

    private static boolean isCollapsed(Wal wal, long index) {
        return wal.firstIndex() == Wal.NO_INDEX
                ? wal.headIndex() != Wal.NO_INDEX && index <= wal.headIndex()
                : index < wal.firstIndex();
    }

    /** Sends the head snapshot in chunks; false (with an ERROR line) when it cannot be read. */
    private boolean sendHead(NodeId to, long head) {
        byte[] snapshot;
        try (InputStream in = storage.wal().openHead()) {
            snapshot = in.readNBytes(Limits.CATCHUP_SNAPSHOT_BYTES_MAX + 1);
            if (snapshot.length > Limits.CATCHUP_SNAPSHOT_BYTES_MAX || in.read() != -1) {
                LOG.error(
                        "{} cannot send its head to {}: it exceeds CATCHUP_SNAPSHOT_BYTES_MAX {}",
                        self,
                        to,
                        Limits.CATCHUP_SNAPSHOT_BYTES_MAX);
                return false;
            }
        } catch (IOException e) {
            LOG.error("{} cannot read its head snapshot for {}", self, to, e);
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(snapshot);
        LOG.info("{} sends its head at index {} ({} bytes) to {}", self, head, snapshot.length, to);
        peers.send(to, new SnapshotHeader(head, snapshot.length, (int) crc.getValue()));
        int chunkBytesMax = io.rarakoon.wire.Limits.SNAPSHOT_CHUNK_BYTES_MAX;
        int offset = 0;
        boolean last = false;
        while (!last) {
            int end = Math.min(snapshot.length, offset + chunkBytesMax);
            last = end == snapshot.length;
            peers.send(
                    to, new SnapshotChunk(offset, Arrays.copyOfRange(snapshot, offset, end), last));
            offset = end;
        }
        return true;
    }

    /** Receiving side: a head snapshot follows; accepted if it covers the next index needed. */
    void onSnapshotHeader(NodeId from, SnapshotHeader header) {
        if (run.isEmpty() || !run.get().source.equals(from) || !run.get().received.isEmpty()) {
            return;
        }
        long needed = expectedIndex();
        if (header.headIndex() < needed || header.headIndex() < storage.wal().lastIndex()) {
            LOG.warn(
                    "{} ignores a head at index {} from {}: it needs index {}",
                    self,
                    header.headIndex(),
                    from,
                    needed);
            return;
        }
        try {
            run.get().snapshot = Optional.of(IncomingSnapshot.start(header));
        } catch (MalformedPayloadException e) {
            refuse(from, e);
        }
    }

    /**
     * Receiving side: takes a chunk of the head snapshot; after the last one keeps the checked
     * snapshot until the batch end, which installs it with the entries that follow it.
     */
    void onSnapshotChunk(NodeId from, SnapshotChunk chunk) {
        if (run.isEmpty() || !run.get().source.equals(from) || run.get().snapshot.isEmpty()) {
            return;
        }
        Run current = run.get();
        IncomingSnapshot incoming = current.snapshot.get();
        try {
            Optional<byte[]> complete = incoming.accept(chunk);
            if (complete.isPresent()) {
                current.snapshot = Optional.empty();
                current.head = Optional.of(new ReceivedHead(incoming.headIndex(), complete.get()));
            }
        } catch (MalformedPayloadException e) {
            refuse(from, e);
        }
    }

    /** Installs the head durably and restores the store from it; false if it is refused. */
    private boolean install(Run current, ReceivedHead head) throws IOException {
        try {
            storage.installHead(head.index(), head.snapshot());
        } catch (MalformedPayloadException e) {
            refuse(current.source, e);
            return false;
        }
        statistics.forcedElsewhere();
        LOG.info("{} installed the head at index {} from {}", self, head.index(), current.source);
        return true;
    }

    private void refuse(NodeId from, MalformedPayloadException e) {
        run.orElseThrow().snapshot = Optional.empty();
        LOG.error("{} refuses the head snapshot from {}: {}", self, from, e.getMessage());
    }

    private long sendEntries(NodeId to, long first, long applied, long nowMillis) {
        long last = first - 1;
        long bytes = 0;
        try {
            reader.start(to, first, nowMillis);
            Optional<WalEntry> next = reader.next();
            while (next.isPresent()
                    && next.get().index() <= applied
                    && last - first + 1 < Limits.CATCHUP_BATCH_ENTRIES_MAX
                    && bytes < Limits.CATCHUP_BATCH_BYTES_MAX) {
                WalEntry entry = next.get();
                peers.send(to, new CatchupEntry(entry.index(), entry.payload()));
                bytes += entry.payload().length;
                last = entry.index();
                next = reader.next();
            }
            reader.end(next);
        } catch (IOException e) {
            throw cannotRead(e);
        }
        return last;
    }

    /** Closes the source side's kept cursor: the node stops, or catches up itself. */
    void closeReader() {
        try {
            reader.close();
        } catch (IOException e) {
            throw cannotRead(e);
        }
    }

    private IllegalStateException cannotRead(IOException e) {
        return new IllegalStateException(self + " cannot read its own log for a catch-up", e);
    }

    /**
     * Receiving side: keeps an entry that continues the log, or the head once it is complete;
     * ignores anything else. An entry that arrives while a head is transferred is a late one of an
     * earlier batch (its source sends a head's chunks before the entries after it): kept, it would
     * be logged after the head it does not follow.
     */
    void onEntry(NodeId from, CatchupEntry entry) {
        if (run.isEmpty()
                || !run.get().source.equals(from)
                || run.get().snapshot.isPresent()
                || entry.index() != expectedIndex()) {
            return;
        }
        try {
            byte[] payload = entry.payload();
            LogEntry decoded = storage.codec().decodeEntry(payload);
            if (decoded.index() != entry.index()) {
                LOG.warn(
                        "{} ignores catch-up entry {} holding index {}",
                        self,
                        entry.index(),
                        decoded.index());
                return;
            }
            run.get().received.add(new ReceivedEntry(decoded, payload));
        } catch (MalformedPayloadException e) {
            LOG.warn(
                    "{} ignores a malformed catch-up entry from {}: {}",
                    self,
                    from,
                    e.getMessage());
        }
    }

    /**
     * Receiving side: logs and applies the batch, then asks for the next one or reports the end.
     *
     * @throws IOException when logging fails; the node must stop
     */
    Optional<Finished> onBatchEnd(NodeId from, CatchupBatchEnd end, long nowMillis)
            throws IOException {
        if (run.isEmpty() || !run.get().source.equals(from)) {
            return Optional.empty();
        }
        boolean progressed = persistAndApply();
        long applied = storage.store().appliedIndex().orElse(-1);
        if (!progressed || applied >= end.appliedIndex()) {
            return Optional.of(finish());
        }
        askNext(run.get(), nowMillis);
        return Optional.empty();
    }

    private void askNext(Run current, long nowMillis) {
        current.deadlineMillis = nowMillis + timeoutMillis;
        peers.send(current.source, new CatchupRequest(expectedIndex()));
    }

    /**
     * Receiving side: ends a catch-up whose source fell silent for a lease period.
     *
     * @throws IOException when logging fails; the node must stop
     */
    Optional<Finished> onTick(long nowMillis) throws IOException {
        try {
            reader.closeIfIdle(nowMillis);
        } catch (IOException e) {
            throw cannotRead(e);
        }
        if (run.isEmpty() || nowMillis < run.get().deadlineMillis) {
            return Optional.empty();
        }
        LOG.warn("{} catch-up from {} timed out", self, run.get().source);
        persistAndApply();
        return Optional.of(finish());
    }

    private long expectedIndex() {
        int pending = run.map(r -> r.received.size()).orElse(0);
        long next =
                run.flatMap(r -> r.head)
                        .map(h -> h.index() + 1)
                        .orElse(storage.store().nextIndex());
        return next + pending;
    }

    /**
     * Installs a received head, then logs the received entries, starts their fsync, then applies
     * them; true if there were any. A head is installed only with at least one entry after it, so
     * that the log holds the last accepted entry the core needs; without one it is dropped (the
     * next catch-up brings it again with the entries the cluster chose meanwhile).
     */
    private boolean persistAndApply() throws IOException {
        Run current = run.orElseThrow();
        Optional<ReceivedHead> head = current.head;
        current.head = Optional.empty();
        if (current.received.isEmpty()) {
            head.ifPresent(h -> LOG.info("{} drops the head at {}: no entry followed", self, h));
            return false;
        }
        if (head.isPresent() && !install(current, head.get())) {
            current.received.clear();
            return false;
        }
        Wal wal = storage.wal();
        for (ReceivedEntry received : current.received) {
            wal.append(received.entry().index(), payloadToLog(wal, received));
        }
        wal.startForce(syncer);
        statistics.forcedElsewhere();
        KvStore store = storage.store();
        // A catch-up writes what may be millions of keys in log order, as a replay does; the store
        // sorts them in at the end (finish) instead of inserting each where it belongs.
        store.startBulkLoad();
        for (ReceivedEntry received : current.received) {
            LogEntry entry = received.entry();
            store.apply(entry.index(), updatesOf(entry));
            statistics.applied(true);
            current.lastApplied = entry;
        }
        current.appliedAny = true;
        current.received.clear();
        return true;
    }

    /**
     * The payload to log for a received entry: the one it came in, unless the entry replaces the
     * node's last entry with the same value in a lower term. Then it keeps the higher term: the
     * node did accept the value then, and a promise reporting the older term could let a new master
     * prefer another value accepted in between.
     */
    private byte[] payloadToLog(Wal wal, ReceivedEntry received) throws IOException {
        LogEntry chosen = received.entry();
        if (chosen.index() != wal.lastIndex()) {
            return received.payload();
        }
        Optional<byte[]> payload = wal.read(chosen.index());
        if (payload.isEmpty()) {
            return received.payload();
        }
        LogEntry existing;
        try {
            existing = storage.codec().decodeEntry(payload.get());
        } catch (MalformedPayloadException e) {
            return received.payload();
        }
        boolean lowered =
                existing.term() > chosen.term() && existing.value().equals(chosen.value());
        return lowered
                ? storage.codec()
                        .encodeEntry(new LogEntry(existing.term(), chosen.index(), chosen.value()))
                : received.payload();
    }

    private List<io.rarakoon.kv.Update> updatesOf(LogEntry entry) {
        try {
            return storage.codec().updatesOf(entry.value());
        } catch (MalformedPayloadException e) {
            throw new IllegalStateException(
                    "chosen value at index " + entry.index() + " cannot be decoded", e);
        }
    }

    private Finished finish() throws IOException {
        Run done = run.orElseThrow();
        run = Optional.empty();
        storage.store().finishBulkLoad();
        if (done.appliedAny) {
            statistics.timedForce(storage.wal());
        }
        long applied = storage.store().appliedIndex().orElse(-1);
        LOG.info("{} caught up from {} to index {}", self, done.source, applied);
        statistics.catchupFinished(done.appliedAny);
        return new Finished(done.appliedAny ? Optional.of(done.lastApplied) : Optional.empty());
    }
}
