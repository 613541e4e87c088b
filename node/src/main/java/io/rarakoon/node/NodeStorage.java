package io.rarakoon.node;

import io.rarakoon.kv.CorruptSnapshotException;
import io.rarakoon.kv.KvStore;
import io.rarakoon.paxos.DurableState;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.wal.Collapser;
import io.rarakoon.wal.CorruptLogException;
import io.rarakoon.wal.Disk;
import io.rarakoon.wal.Wal;
import io.rarakoon.wal.WalEntry;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's durable state, opened and recovered (spec §3.7): the promised term, the write-ahead log
 * (a torn tail truncated by the WAL) and the store rebuilt from the head snapshot plus the log. A
 * value is replayed only when its successor is logged (spec §1.10), except in a single-voter
 * cluster.
 *
 * <p>Threads: open, then hand the storage to the node loop, which alone uses it afterwards (the
 * Collapser excepted, which runs on its own thread).
 */
public final class NodeStorage implements Closeable {

    /**
     * The store applies every committed value. The configured value limit is checked only when a
     * client sends a write ({@link WriteTranslator}): checked again on apply or replay, a lowered
     * limit would drop acknowledged writes at restart, and nodes whose configs differ would
     * diverge. Only the snapshot format's own bound applies here, the same on every node.
     */
    static final int APPLY_VALUE_BYTES_MAX = io.rarakoon.kv.Limits.FIELD_BYTES_MAX;

    private static final Logger LOG = LoggerFactory.getLogger(NodeStorage.class);

    private final Wal wal;
    private final PromiseFile promise;
    private KvStore store;
    private final StorageOptions options;
    private final ValueCodec codec;
    private final DurableState durable;

    private NodeStorage(
            Wal wal, PromiseFile promise, KvStore store, StorageOptions options, ValueCodec codec)
            throws IOException {
        this.wal = wal;
        this.promise = promise;
        this.store = store;
        this.options = options;
        this.codec = codec;
        this.durable = describe();
    }

    /**
     * Opens the storage in {@code disk} (an empty disk is a new node) and recovers it. Everything
     * recovered is durable when this returns. Call on the thread that will own the storage.
     *
     * @param background runs the WAL's segment compression
     * @throws CorruptStorageException naming the file and offset (or index) when the files are
     *     corrupt, or the log does not reach from the head to its end
     * @throws IOException on an I/O failure
     */
    public static NodeStorage open(Disk disk, StorageOptions options, Executor background)
            throws IOException {
        PromiseFile promise = PromiseFile.open(disk);
        Wal wal;
        try {
            wal = Wal.open(disk, options.entriesPerSegment(), background);
        } catch (CorruptLogException e) {
            throw new CorruptStorageException("write-ahead log: " + e.getMessage(), e);
        }
        try {
            KvStore store = restoreHead(wal, options);
            ValueCodec codec = new ValueCodec();
            replay(wal, store, options.replayLastEntry());
            return new NodeStorage(wal, promise, store, options, codec);
        } catch (IOException | RuntimeException e) {
            wal.close();
            throw e;
        }
    }

    private static KvStore restoreHead(Wal wal, StorageOptions options) throws IOException {
        if (wal.headIndex() == Wal.NO_INDEX) {
            return new KvStore(APPLY_VALUE_BYTES_MAX, options.functions());
        }
        try (InputStream head = wal.openHead()) {
            return KvStore.restore(head, APPLY_VALUE_BYTES_MAX, options.functions());
        } catch (CorruptSnapshotException | CorruptLogException e) {
            throw new CorruptStorageException("head snapshot: " + e.getMessage(), e);
        }
    }

    private static void replay(Wal wal, KvStore store, boolean replayLastEntry) throws IOException {
        long last = wal.lastIndex();
        long target = replayLastEntry ? last : last - 1;
        long applied = store.appliedIndex().orElse(-1);
        if (last != Wal.NO_INDEX && applied > last) {
            throw new CorruptStorageException(
                    "store ahead of the log: head applied index " + applied + ", log last " + last,
                    null);
        }
        if (store.nextIndex() > target) {
            return;
        }
        if (store.nextIndex() < wal.firstIndex()) {
            throw new CorruptStorageException(
                    "log misses indexes "
                            + store.nextIndex()
                            + ".."
                            + (wal.firstIndex() - 1)
                            + " between the head and its first segment",
                    null);
        }
        store.startBulkLoad();
        try (ReplayReader reader = ReplayReader.start(wal.entries(store.nextIndex()), target)) {
            for (ReplayReader.Decoded entry = reader.next(); entry != null; entry = reader.next()) {
                store.apply(entry.index(), entry.updates());
            }
        } catch (CorruptLogException e) {
            throw new CorruptStorageException("write-ahead log: " + e.getMessage(), e);
        } finally {
            store.finishBulkLoad();
        }
        LOG.info(
                "replayed the log up to index {} (last {})", store.appliedIndex().orElse(-1), last);
    }

    private DurableState describe() throws IOException {
        long last = wal.lastIndex();
        if (last == Wal.NO_INDEX) {
            // Empty, or a head installed by a catch-up that lost power before the entries after
            // it were forced: to consensus the node knows no entry yet, as a new node, and it
            // catches up from its store's next index.
            return new DurableState(promise.term(), Optional.empty(), -1);
        }
        Optional<LogEntry> lastAccepted = Optional.empty();
        if (last != Wal.NO_INDEX) {
            byte[] payload = wal.read(last).orElseThrow();
            lastAccepted = Optional.of(codec.decodeLogged(new WalEntry(last, payload)));
        }
        long applied = store.appliedIndex().orElse(-1);
        if (applied < last - 1) {
            throw new CorruptStorageException(
                    "store applied index " + applied + " too low for log last index " + last, null);
        }
        long term = Math.max(promise.term(), lastAccepted.map(LogEntry::term).orElse(0L));
        return new DurableState(term, lastAccepted, applied);
    }

    /** What the core needs at start-up: the state recovered by {@link #open}. */
    public DurableState durableState() {
        return durable;
    }

    /**
     * Installs a head snapshot received from a peer during catch-up: the snapshot is restored into
     * a new store first (a snapshot that does not restore, or not to {@code headIndex}, changes
     * nothing), then written as the log's head, which restarts the log after it, then the new store
     * replaces the old one. Durable when this returns. Loop thread.
     *
     * @throws MalformedPayloadException when the snapshot does not restore to {@code headIndex}
     * @throws IOException when the head cannot be written; the node must stop
     */
    void installHead(long headIndex, byte[] snapshot) throws IOException {
        KvStore restored;
        try {
            restored =
                    KvStore.restore(
                            new ByteArrayInputStream(snapshot),
                            APPLY_VALUE_BYTES_MAX,
                            options.functions());
        } catch (CorruptSnapshotException e) {
            throw new MalformedPayloadException(
                    "head snapshot at index " + headIndex + ": " + e.getMessage());
        }
        long restoredIndex = restored.appliedIndex().orElse(-1);
        if (restoredIndex != headIndex) {
            throw new MalformedPayloadException(
                    "head snapshot restores to index "
                            + restoredIndex
                            + ", not its header's head index "
                            + headIndex);
        }
        wal.restartAfterHead(headIndex, snapshot);
        store = restored;
    }

    /** The store; the node loop's alone. A catch-up may replace it, so do not keep it. */
    public KvStore store() {
        return store;
    }

    /** The write-ahead log; the node loop's alone (see {@link Wal} for background work). */
    public Wal wal() {
        return wal;
    }

    PromiseFile promise() {
        return promise;
    }

    StorageOptions options() {
        return options;
    }

    /** The codec of the loop thread, which owns this storage. */
    ValueCodec codec() {
        return codec;
    }

    /**
     * A Collapser over this storage's log that builds heads in a private store.
     *
     * @param segmentsToKeep completed segments an automatic collapse keeps, at least 1
     * @param thresholdSegments completed segments past the head that start an automatic collapse
     */
    public Collapser collapser(int segmentsToKeep, int thresholdSegments) {
        return new Collapser(
                wal, () -> new StoreHeadBuilder(options), segmentsToKeep, thresholdSegments);
    }

    /** Forces and closes the log. Loop thread. */
    @Override
    public void close() throws IOException {
        wal.close();
    }
}
