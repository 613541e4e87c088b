package io.rarakoon.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compact ordered map from byte-array keys (unsigned order) to byte-array values: sorted leaf
 * blocks of parallel key and value arrays, indexed by a TreeMap from each leaf's fence (a key that
 * is at most the leaf's smallest key) to the leaf. A TreeMap entry per key would cost about 100
 * bytes beyond key and value; here an entry costs its two arrays plus two references and a share of
 * its leaf's free slots (docs/kv-store.md has the measured figure).
 *
 * <p>Leaves partition the key space: a leaf holds the keys from its fence up to the next leaf's
 * fence. The first leaf's fence is the empty key, so every key has a leaf. Arrays handed in become
 * owned by the map and are never modified. Not thread-safe.
 *
 * <p>Between {@link #startBulkLoad} and {@link #finishBulkLoad}, writes wait unsorted in {@link
 * PendingWrites} and reach the leaves sorted: at the finish, before the next walk, or when they
 * pass a size bound. A log replay writes millions of random keys and reads few of them back in
 * between. Writes above every key in the leaves go there at once, so that a load of ascending keys
 * appends as it would without the bulk load.
 */
final class LeafMap {

    /** Called for each entry of a walk; returns false to stop the walk. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    /**
     * Held-back writes at least 1/this of the map's entries are merged by rebuilding the leaves (a
     * sequential pass of tens of nanoseconds an entry) rather than inserted one by one (a search
     * that misses the cache, about a microsecond each).
     */
    private static final int REBUILD_SHARE_MIN = 32;

    private final int leafEntriesMax;
    private final long pendingBytesMax;
    private final TreeMap<Bytes, Leaf> leaves = new TreeMap<>();
    private long size;

    /** Writes not yet in the leaves, while bulk-loading; null otherwise. */
    private PendingWrites pending;

    /**
     * @param leafEntriesMax entries per leaf, at least 4
     * @param pendingBytesMax bytes of writes a bulk load holds back before sorting them in
     */
    LeafMap(int leafEntriesMax, long pendingBytesMax) {
        if (leafEntriesMax < 4) {
            throw new IllegalArgumentException("leafEntriesMax " + leafEntriesMax + " < 4");
        }
        this.leafEntriesMax = leafEntriesMax;
        this.pendingBytesMax = pendingBytesMax;
        leaves.put(Bytes.EMPTY, new Leaf(leafEntriesMax));
    }

    long size() {
        return size;
    }

    /** Holds writes back unsorted until {@link #finishBulkLoad} or the next walk; idempotent. */
    void startBulkLoad() {
        if (pending == null) {
            pending = new PendingWrites();
        }
    }

    /** True while writes are held back: between the start and the finish of a bulk load. */
    boolean isBulkLoading() {
        return pending != null;
    }

    /** Keys whose writes are held back, not yet in the leaves. */
    int heldBackCount() {
        return pending == null ? 0 : pending.size();
    }

    /** Sorts the held-back writes into the leaves and writes directly again. */
    void finishBulkLoad() {
        writePending();
        pending = null;
    }

    /**
     * Loads what a write of {@code key} will read first, while bulk-loading: called for the keys of
     * a batch before they are written, their cache misses overlap instead of following one another.
     */
    void prefetch(byte[] key) {
        if (pending != null) {
            pending.prefetch(key);
        }
    }

    /** The value of {@code key}, or null. */
    byte[] get(byte[] key) {
        if (pending != null) {
            byte[] value = pending.get(key);
            if (value != null) {
                return value == PendingWrites.DELETED ? null : value;
            }
        }
        return leafGet(key);
    }

    /** Stores {@code value} under {@code key}; returns the previous value or null. */
    byte[] put(byte[] key, byte[] value) {
        byte[] old = holdsBack(key) ? pendingWrite(key, value) : leafPut(key, value);
        if (old == null) {
            size++;
        }
        return old;
    }

    /** Removes {@code key}; returns the removed value or null. */
    byte[] remove(byte[] key) {
        byte[] old = holdsBack(key) ? pendingWrite(key, PendingWrites.DELETED) : leafRemove(key);
        if (old != null) {
            size--;
        }
        return old;
    }

    /**
     * Whether a write of {@code key} waits in the pending table: while bulk-loading, unless the key
     * is above every key in the leaves and has no pending write. Keys written in ascending order
     * then go into the last leaf as cheaply as without a bulk load (an append to a leaf in the
     * cache), where holding them back would cost a probe, a place in the log and a share of the
     * sort. Random keys are rarely above all the others, so the leaves stay nearly empty and the
     * old-value lookup of each held-back write stays cheap.
     */
    private boolean holdsBack(byte[] key) {
        if (pending == null) {
            return false;
        }
        Leaf last = leaves.lastEntry().getValue();
        boolean appends =
                last.size == 0 || Arrays.compareUnsigned(key, last.keys[last.size - 1]) > 0;
        return !appends || pending.contains(key);
    }

    /**
     * Holds back a write (a value or {@link PendingWrites#DELETED}) with one probe of the table;
     * returns the key's value before it, or null. A deletion of an absent key is held back too: it
     * removes nothing when drained.
     */
    private byte[] pendingWrite(byte[] key, byte[] value) {
        byte[] previous = pending.put(key, value);
        byte[] old = previous == null ? leafGet(key) : previous;
        if (pending.isFull(pendingBytesMax)) {
            writePending();
        }
        return old == PendingWrites.DELETED ? null : old;
    }

    /** Moves the pending writes into the leaves, in key order; cheap when there are none. */
    private void writePending() {
        if (pending == null || pending.size() == 0) {
            return;
        }
        byte[][][] sorted = pending.drainSorted();
        byte[][] keys = sorted[0];
        byte[][] values = sorted[1];
        if (keys.length * REBUILD_SHARE_MIN >= size) {
            rebuildWith(keys, values);
            return;
        }
        for (int i = 0; i < keys.length; i++) {
            if (values[i] == PendingWrites.DELETED) {
                leafRemove(keys[i]);
            } else {
                leafPut(keys[i], values[i]);
            }
        }
    }

    /**
     * Rebuilds the leaves, full, from one merge of their entries with ascending writes: a write
     * replaces the entry of its key, a deletion drops it. The writes between two old entries are
     * found by a search and appended without reading their keys: a bulk load's keys lie scattered
     * over the heap, and reading each one to compare it would miss the cache once per write.
     */
    private void rebuildWith(byte[][] keys, byte[][] values) {
        List<Leaf> old = new ArrayList<>(leaves.values());
        leaves.clear();
        Leaf leaf = new Leaf(leafEntriesMax);
        leaves.put(Bytes.EMPTY, leaf);
        int write = 0;
        for (Leaf from : old) {
            for (int i = 0; i < from.size; i++) {
                byte[] oldKey = from.keys[i];
                int below = firstNotBelow(keys, write, oldKey);
                leaf = appendWrites(leaf, keys, values, write, below);
                write = below;
                if (write < keys.length && Arrays.equals(keys[write], oldKey)) {
                    leaf = appendWrites(leaf, keys, values, write, write + 1);
                    write++;
                } else {
                    leaf = appendInOrder(leaf, oldKey, from.values[i]);
                }
            }
        }
        appendWrites(leaf, keys, values, write, keys.length);
    }

    /** Appends writes [from, to) but their deletions; returns the leaf the last one went to. */
    private Leaf appendWrites(Leaf leaf, byte[][] keys, byte[][] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (values[i] != PendingWrites.DELETED) {
                leaf = appendInOrder(leaf, keys[i], values[i]);
            }
        }
        return leaf;
    }

    /**
     * The first index at or after {@code from} whose key is not below {@code key}, or {@code
     * keys.length}: steps that double from {@code from}, then a binary search, so that a short gap
     * costs few comparisons and a long one its logarithm.
     */
    private static int firstNotBelow(byte[][] keys, int from, byte[] key) {
        int below = from - 1; // the last index known to be below key
        long step = 1; // a long, so that doubling past a huge array cannot overflow
        int probe = from;
        while (probe < keys.length && Arrays.compareUnsigned(keys[probe], key) < 0) {
            below = probe;
            step *= 2;
            probe = (int) Math.min(keys.length, from - 1 + step);
        }
        int notBelow = probe;
        while (notBelow - below > 1) {
            int middle = (below + notBelow) >>> 1;
            if (Arrays.compareUnsigned(keys[middle], key) < 0) {
                below = middle;
            } else {
                notBelow = middle;
            }
        }
        return notBelow;
    }

    /** Appends past the greatest key; returns the leaf it went to, a new one if leaf was full. */
    private Leaf appendInOrder(Leaf leaf, byte[] key, byte[] value) {
        if (leaf.size == leafEntriesMax) {
            leaf = new Leaf(leafEntriesMax);
            leaves.put(Bytes.wrap(key), leaf);
        }
        leaf.keys[leaf.size] = key;
        leaf.values[leaf.size] = value;
        leaf.size++;
        return leaf;
    }

    private byte[] leafGet(byte[] key) {
        Leaf leaf = leafFor(key).getValue();
        int index = leaf.search(key);
        return index >= 0 ? leaf.values[index] : null;
    }

    /** Stores {@code value} under {@code key} in the leaves; returns the previous value or null. */
    private byte[] leafPut(byte[] key, byte[] value) {
        Map.Entry<Bytes, Leaf> entry = leafFor(key);
        Leaf leaf = entry.getValue();
        int index = leaf.search(key);
        if (index >= 0) {
            byte[] old = leaf.values[index];
            leaf.values[index] = value;
            return old;
        }
        int position = -index - 1;
        if (leaf.size == leafEntriesMax) {
            boolean appendAtEnd = position == leaf.size && leaves.lastEntry().getValue() == leaf;
            if (appendAtEnd) {
                // Ascending inserts (and restores) fill leaves completely instead of half.
                Leaf fresh = new Leaf(leafEntriesMax);
                fresh.insert(0, key, value);
                leaves.put(Bytes.wrap(key), fresh);
                return null;
            }
            Leaf right = leaf.splitOffUpperHalf(leafEntriesMax);
            leaves.put(Bytes.wrap(right.keys[0]), right);
            int leftSize = leaf.size;
            if (position > leftSize) {
                position -= leftSize;
                leaf = right;
            }
        }
        leaf.insert(position, key, value);
        return null;
    }

    /** Removes {@code key} from the leaves; returns the removed value or null. */
    private byte[] leafRemove(byte[] key) {
        Map.Entry<Bytes, Leaf> entry = leafFor(key);
        Leaf leaf = entry.getValue();
        int index = leaf.search(key);
        if (index < 0) {
            return null;
        }
        byte[] old = leaf.values[index];
        leaf.delete(index);
        if (leaf.size < leafEntriesMax / 4) {
            mergeWithNeighbour(entry);
        }
        return old;
    }

    /** Keeps leaves at least a quarter full on average, and drops empty ones, after removals. */
    private void mergeWithNeighbour(Map.Entry<Bytes, Leaf> entry) {
        int mergedEntriesMax = leafEntriesMax * 3 / 4;
        Leaf leaf = entry.getValue();
        Map.Entry<Bytes, Leaf> next = leaves.higherEntry(entry.getKey());
        if (next != null && leaf.size + next.getValue().size <= mergedEntriesMax) {
            leaf.appendAll(next.getValue());
            leaves.remove(next.getKey());
            return;
        }
        Map.Entry<Bytes, Leaf> previous = leaves.lowerEntry(entry.getKey());
        if (previous == null) {
            return;
        }
        if (leaf.size == 0 || previous.getValue().size + leaf.size <= mergedEntriesMax) {
            previous.getValue().appendAll(leaf);
            leaves.remove(entry.getKey());
        }
    }

    /**
     * Visits entries in ascending order starting at {@code low} (included if {@code inclusive}),
     * until the visitor returns false or the map ends.
     */
    void walkUp(byte[] low, boolean inclusive, Visitor visitor) {
        writePending();
        Map.Entry<Bytes, Leaf> entry = leafFor(low);
        int index = entry.getValue().search(low);
        int position = index >= 0 ? (inclusive ? index : index + 1) : -index - 1;
        while (entry != null) {
            Leaf leaf = entry.getValue();
            for (int i = position; i < leaf.size; i++) {
                if (!visitor.visit(leaf.keys[i], leaf.values[i])) {
                    return;
                }
            }
            entry = leaves.higherEntry(entry.getKey());
            position = 0;
        }
    }

    /**
     * Visits entries in descending order starting at {@code high} (included if {@code inclusive};
     * null = start at the greatest key), until the visitor returns false or the map ends.
     */
    void walkDown(byte[] high, boolean inclusive, Visitor visitor) {
        writePending();
        Map.Entry<Bytes, Leaf> entry = high == null ? leaves.lastEntry() : leafFor(high);
        int position = entry.getValue().size - 1;
        if (high != null) {
            int index = entry.getValue().search(high);
            position = index >= 0 ? (inclusive ? index : index - 1) : -index - 2;
        }
        while (entry != null) {
            Leaf leaf = entry.getValue();
            for (int i = position; i >= 0; i--) {
                if (!visitor.visit(leaf.keys[i], leaf.values[i])) {
                    return;
                }
            }
            entry = leaves.lowerEntry(entry.getKey());
            if (entry != null) {
                position = entry.getValue().size - 1;
            }
        }
    }

    private Map.Entry<Bytes, Leaf> leafFor(byte[] key) {
        return leaves.floorEntry(Bytes.wrap(key));
    }

    /** A sorted block of entries; slots at and beyond {@code size} are null. */
    private static final class Leaf {
        final byte[][] keys;
        final byte[][] values;
        int size;

        Leaf(int entriesMax) {
            keys = new byte[entriesMax][];
            values = new byte[entriesMax][];
        }

        /** Index of {@code key}, or (-(insertion point) - 1), as Arrays.binarySearch. */
        int search(byte[] key) {
            int low = 0;
            int high = size - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int order = Arrays.compareUnsigned(keys[middle], key);
                if (order < 0) {
                    low = middle + 1;
                } else if (order > 0) {
                    high = middle - 1;
                } else {
                    return middle;
                }
            }
            return -low - 1;
        }

        void insert(int position, byte[] key, byte[] value) {
            System.arraycopy(keys, position, keys, position + 1, size - position);
            System.arraycopy(values, position, values, position + 1, size - position);
            keys[position] = key;
            values[position] = value;
            size++;
        }

        void delete(int position) {
            System.arraycopy(keys, position + 1, keys, position, size - position - 1);
            System.arraycopy(values, position + 1, values, position, size - position - 1);
            size--;
            keys[size] = null;
            values[size] = null;
        }

        Leaf splitOffUpperHalf(int entriesMax) {
            Leaf right = new Leaf(entriesMax);
            int keep = size / 2;
            right.size = size - keep;
            System.arraycopy(keys, keep, right.keys, 0, right.size);
            System.arraycopy(values, keep, right.values, 0, right.size);
            Arrays.fill(keys, keep, size, null);
            Arrays.fill(values, keep, size, null);
            size = keep;
            return right;
        }

        void appendAll(Leaf other) {
            System.arraycopy(other.keys, 0, keys, size, other.size);
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
        }
    }
}
