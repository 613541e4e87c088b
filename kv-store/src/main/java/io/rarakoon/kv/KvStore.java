package io.rarakoon.kv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Arakoon's replicated store (server semantics §2): an ordered map of user keys, a separate
 * namespace of admin keys, the last master's name and the index of the last applied Paxos value. It
 * lives in memory and is rebuilt from a head snapshot ({@link #restore}) plus the log, so it needs
 * none of Arakoon's on-disk bookkeeping (the "*j" counter of partly applied values).
 *
 * <p>Not thread-safe: confine a store to one thread (the node's apply loop), or guard every call
 * with one lock. Nothing here is durable; durability is the log's job.
 */
public final class KvStore {

    private final StoreData data;
    private final int valueBytesMax;
    private final UpdateApplier applier;

    /**
     * An empty store; it applies index 0 first.
     *
     * @param valueBytesMax values of this length or longer fail with "value too large"; in
     *     1..{@link Limits#FIELD_BYTES_MAX} (Arakoon's default is {@link
     *     Limits#VALUE_BYTES_MAX_DEFAULT})
     * @param functions the user functions that {@link Update.UserFunction} may call
     * @throws IllegalArgumentException if valueBytesMax is out of range
     */
    public KvStore(int valueBytesMax, UserFunctionRegistry functions) {
        this(new StoreData(Limits.LEAF_ENTRIES_MAX), valueBytesMax, functions);
    }

    KvStore(StoreData data, int valueBytesMax, UserFunctionRegistry functions) {
        if (valueBytesMax < 1 || valueBytesMax > Limits.FIELD_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "valueBytesMax "
                            + valueBytesMax
                            + " outside 1..FIELD_BYTES_MAX "
                            + Limits.FIELD_BYTES_MAX);
        }
        this.data = data;
        this.valueBytesMax = valueBytesMax;
        this.applier = new UpdateApplier(functions);
    }

    /**
     * Applies the updates of the Paxos value at {@code index}, each in its own transaction: a
     * failing update changes nothing and does not affect the others; a Sequence or SyncedSequence
     * is all or nothing, DeletePrefix included. Then the applied index becomes {@code index}.
     *
     * @return one result per update, in batch order
     * @throws IllegalStateException if {@code index} is not {@link #nextIndex()}: a broken
     *     invariant of the caller, and nothing is applied
     * @throws NullPointerException if {@code updates} holds null; nothing is applied
     */
    public List<UpdateResult> apply(long index, List<Update> updates) {
        long expected = nextIndex();
        if (index != expected) {
            throw new IllegalStateException(
                    "cannot apply index "
                            + index
                            + ": the store expects index "
                            + expected
                            + " (applied index "
                            + data.appliedIndex
                            + ")");
        }
        List<Update> batch = List.copyOf(updates); // rejects nulls before anything changes
        for (Update update : batch) {
            if (update instanceof Update.Set set) {
                data.user.prefetch(set.key().array());
            }
        }
        List<UpdateResult> results = new ArrayList<>(batch.size());
        for (Update update : batch) {
            Transaction tx = new Transaction(data, valueBytesMax);
            try {
                results.add(applier.apply(update, tx));
                tx.commit();
            } catch (UpdateFailedException e) {
                tx.rollback();
                results.add(e.toResult());
            }
        }
        data.appliedIndex = index;
        return results;
    }

    /**
     * Starts a bulk load, as a log replay is: until {@link #finishBulkLoad}, user writes wait in an
     * unsorted hash table and are sorted into the ordered map at the finish, or before the next
     * read that needs key order (a range, a prefix, a snapshot). Every read sees every write as
     * usual; a replay of random keys runs several times faster, and the table costs about 20 to 30
     * bytes per pending write until the finish.
     */
    public void startBulkLoad() {
        data.user.startBulkLoad();
    }

    /** Ends a bulk load: sorts the pending writes into the ordered map. */
    public void finishBulkLoad() {
        data.user.finishBulkLoad();
    }

    /** True between {@link #startBulkLoad} and {@link #finishBulkLoad}. */
    public boolean isBulkLoading() {
        return data.user.isBulkLoading();
    }

    /** The index of the last applied value, or empty if none was applied or restored. */
    public OptionalLong appliedIndex() {
        return data.appliedIndex == StoreData.NO_INDEX
                ? OptionalLong.empty()
                : OptionalLong.of(data.appliedIndex);
    }

    /** The index {@link #apply} accepts next: applied index + 1, or 0 for an empty store. */
    public long nextIndex() {
        return data.appliedIndex + 1;
    }

    /** The master named by the last applied MasterSet, if any. */
    public Optional<String> master() {
        return Optional.ofNullable(data.master);
    }

    /** The value of admin key {@code key} (AdminSet, and "interval"/"routing" of the nursery). */
    public Optional<Bytes> adminGet(Bytes key) {
        return Optional.ofNullable(data.admin.get(key));
    }

    /** The value of user key {@code key}, or empty (the node answers NOT_FOUND "Not_found"). */
    public Optional<Bytes> get(Bytes key) {
        byte[] value = data.user.get(key.array());
        return value == null ? Optional.empty() : Optional.of(Bytes.wrap(value));
    }

    /** True if user key {@code key} exists. */
    public boolean exists(Bytes key) {
        return data.user.get(key.array()) != null;
    }

    /**
     * The values of {@code keys}, in request order.
     *
     * @throws KeyNotFoundException naming the first key (in request order) that is absent
     */
    public List<Bytes> multiGet(List<Bytes> keys) throws KeyNotFoundException {
        List<Bytes> values = new ArrayList<>(keys.size());
        for (Bytes key : keys) {
            values.add(get(key).orElseThrow(() -> new KeyNotFoundException(key)));
        }
        return values;
    }

    /** The value of each of {@code keys} or empty, in request order. */
    public List<Optional<Bytes>> multiGetOption(List<Bytes> keys) {
        List<Optional<Bytes>> values = new ArrayList<>(keys.size());
        keys.forEach(key -> values.add(get(key)));
        return values;
    }

    /**
     * User keys k with first ≤ k (first &lt; k if not firstInclusive) and k ≤ last (k &lt; last if
     * not lastInclusive), ascending, at most {@code max} (negative = unlimited). A missing first is
     * the empty key with firstInclusive (so the empty key is excluded when it is false); a missing
     * last is no bound. Like Arakoon's RANGE, max 0 returns the first selected key.
     */
    public List<Bytes> range(
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive,
            int max) {
        return RangeReader.keys(data.user, first, firstInclusive, last, lastInclusive, max);
    }

    /** The entries {@link #range} selects, with values; max 0 returns nothing. */
    public List<KeyValue> rangeEntries(
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive,
            int max) {
        return RangeReader.entries(data.user, first, firstInclusive, last, lastInclusive, max);
    }

    /**
     * Entries in descending order: {@code first} is the high bound (missing = start at the greatest
     * key) and {@code last} the low bound (missing = the empty key with lastInclusive); at most
     * {@code max} (negative = unlimited, 0 = nothing).
     */
    public List<KeyValue> revRangeEntries(
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive,
            int max) {
        return RangeReader.reverseEntries(
                data.user, first, firstInclusive, last, lastInclusive, max);
    }

    /** User keys starting with {@code prefix}, ascending, at most max (negative = unlimited). */
    public List<Bytes> prefixKeys(Bytes prefix, int max) {
        return RangeReader.prefixKeys(data.user, prefix, max);
    }

    /** The number of user keys (admin keys are not counted). */
    public long keyCount() {
        return data.user.size();
    }

    /**
     * Streams a snapshot of the whole state (format in docs/kv-store.md) to {@code out} and flushes
     * it; does not close {@code out}. The caller makes it durable (force, rename).
     *
     * @throws IOException if {@code out} fails
     */
    public void writeSnapshot(OutputStream out) throws IOException {
        SnapshotFormat.write(data, out);
    }

    /**
     * Reads a snapshot written by {@link #writeSnapshot} into a new store, verifying magic,
     * version, every length, key order, checksum and end of stream. Does not close {@code in}.
     *
     * @throws CorruptSnapshotException naming field, offset, expected and actual, if the stream is
     *     not an intact snapshot (lengths are checked before allocating)
     * @throws IOException if {@code in} fails
     * @throws IllegalArgumentException if valueBytesMax is out of range (see constructor)
     */
    public static KvStore restore(InputStream in, int valueBytesMax, UserFunctionRegistry functions)
            throws IOException {
        return new KvStore(
                SnapshotFormat.read(in, Limits.LEAF_ENTRIES_MAX), valueBytesMax, functions);
    }

    /** The bytes every snapshot starts with, so tools can tell a snapshot from other files. */
    public static byte[] snapshotMagic() {
        return SnapshotFormat.MAGIC.clone();
    }

    /**
     * SHA-256 of the snapshot of this store: equal for stores with equal state (applied index,
     * master, admin and user entries), which the simulator compares across nodes.
     */
    public Bytes digest() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        try (DigestOutputStream out =
                new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            SnapshotFormat.write(data, out);
        } catch (IOException e) {
            throw new IllegalStateException("the null output stream cannot fail", e);
        }
        return Bytes.wrap(sha256.digest());
    }
}
