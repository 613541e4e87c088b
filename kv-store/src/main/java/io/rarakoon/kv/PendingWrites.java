package io.rarakoon.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link LeafMap} holds back while it bulk-loads: an open-addressing hash table from key
 * to its newest write, over a log of the writes' key and value arrays in the order they came. A
 * write here costs a hash, a probe (one or two cache misses) and two stores at the log's end, where
 * an ordered insert into millions of random keys costs a search that misses the cache at every
 * step; {@link #drainSorted} hands the writes over in key order once.
 *
 * <p>The arrays handed in are kept, not copied, and become the map's at the drain: a copy of each
 * write would be memory the heap must first hand out, then a second copy when the writes leave for
 * the leaves. The table holds log positions, not references, and the log's chunks are filled front
 * to back, so a young collection finds old-to-young references only in the chunk being filled, not
 * scattered over a table written at random. Not thread-safe.
 */
final class PendingWrites {

    /** The value of a key removed while pending; compared by identity, never stored in a map. */
    static final byte[] DELETED = new byte[0];

    /** Entries per slot at most before the table doubles: short probe runs, 1.4 slots an entry. */
    private static final double LOAD_FACTOR_MAX = 0.7;

    private static final int SLOTS_INITIAL = 1 << 12;

    /**
     * Log positions per chunk: 16,384 references, 64 or 128 KiB, below the size at which G1 puts an
     * array in regions of its own, so that a chunk starts young like the arrays it refers to.
     */
    private static final int CHUNK_BITS = 14;

    private static final int CHUNK_ENTRIES = 1 << CHUNK_BITS;

    /**
     * What a held write costs beyond its key's and value's bytes, about: the two arrays' headers
     * (16 bytes each) and padding, their references in the log and 11 to 23 bytes of table.
     */
    private static final int WRITE_OVERHEAD_BYTES = 64;

    /** Log positions at most: a slot holds a position plus one (0 is empty) in an int. */
    private static final int POSITIONS_MAX = Integer.MAX_VALUE - 1;

    /** A slot with no write. */
    private static final long EMPTY = 0;

    /**
     * Per slot, the key's hash in the high 32 bits and the log position of its newest write plus
     * one in the low 32, or {@link #EMPTY}: one load, and one cache miss, per probe.
     */
    private long[] slots;

    /** The log: per position, a write's key (null once a later write of the key replaced it). */
    private final List<byte[][]> keyChunks = new ArrayList<>();

    /** Per position, the write's value or {@link #DELETED}. */
    private final List<byte[][]> valueChunks = new ArrayList<>();

    private final int positionsMax;
    private int logged;
    private long heldBytes;
    private int size;

    /** What {@link #prefetch} loads, kept so that the compiler cannot drop the loads. */
    private long prefetched;

    PendingWrites() {
        this(POSITIONS_MAX);
    }

    /** A table that reports itself full after {@code positionsMax} writes (a test needs few). */
    PendingWrites(int positionsMax) {
        if (positionsMax < 1 || positionsMax > POSITIONS_MAX) {
            throw new IllegalArgumentException(
                    "positionsMax " + positionsMax + " outside 1.." + POSITIONS_MAX);
        }
        this.positionsMax = positionsMax;
        clear();
    }

    /** Keys with a pending write. */
    int size() {
        return size;
    }

    /** Bytes the held writes cost, replaced ones included: keys, values and their overhead. */
    long heldBytes() {
        return heldBytes;
    }

    /** Whether the writes cost over {@code heldBytesMax} or fill every log position. */
    boolean isFull(long heldBytesMax) {
        return heldBytes > heldBytesMax || logged >= positionsMax;
    }

    /**
     * Loads the slot where a probe for {@code key} starts: the loads of several keys' slots,
     * independent of one another, miss the cache at the same time, and their probes then hit it.
     */
    void prefetch(byte[] key) {
        prefetched += slots[hash(key) & (slots.length - 1)];
    }

    /** Whether {@code key} has a pending write (a value or a deletion). */
    boolean contains(byte[] key) {
        return slots[find(key, hash(key))] != EMPTY;
    }

    /** The pending value of {@code key} (or {@link #DELETED}), or null if none is pending. */
    byte[] get(byte[] key) {
        long slot = slots[find(key, hash(key))];
        return slot == EMPTY ? null : valueChunks.get(chunkOf(slot))[offsetOf(slot)];
    }

    /**
     * Makes {@code value} (or {@link #DELETED}) the pending value of {@code key}, keeping both
     * arrays; returns the value it replaces (possibly {@link #DELETED}), or null if none was
     * pending.
     */
    byte[] put(byte[] key, byte[] value) {
        int hash = hash(key);
        int slot = find(key, hash);
        long old = slots[slot];
        byte[] previous = null;
        if (old == EMPTY) {
            size++;
        } else {
            previous = valueChunks.get(chunkOf(old))[offsetOf(old)];
            keyChunks.get(chunkOf(old))[offsetOf(old)] = null; // the drain skips it
        }
        slots[slot] = (long) hash << Integer.SIZE | log(key, value) + 1;
        if (size > slots.length * LOAD_FACTOR_MAX) {
            grow();
        }
        return previous;
    }

    /**
     * Returns the pending writes as parallel arrays {keys, values} of {@link #size()} entries in
     * ascending unsigned key order, and leaves this table empty.
     */
    byte[][][] drainSorted() {
        byte[][] keys = new byte[size][];
        byte[][] values = new byte[size][];
        int count = 0;
        // Log order: the chunks are read once, front to back.
        for (int chunk = 0; chunk < keyChunks.size(); chunk++) {
            byte[][] chunkKeys = keyChunks.get(chunk);
            byte[][] chunkValues = valueChunks.get(chunk);
            int end = Math.min(CHUNK_ENTRIES, logged - chunk * CHUNK_ENTRIES);
            for (int offset = 0; offset < end; offset++) {
                if (chunkKeys[offset] != null) {
                    keys[count] = chunkKeys[offset];
                    values[count] = chunkValues[offset];
                    count++;
                }
            }
        }
        clear();
        int[] order = KeySorter.ascendingOrder(keys);
        byte[][] sortedKeys = new byte[count][];
        byte[][] sortedValues = new byte[count][];
        for (int i = 0; i < count; i++) {
            sortedKeys[i] = keys[order[i]];
            sortedValues[i] = values[order[i]];
        }
        return new byte[][][] {sortedKeys, sortedValues};
    }

    private void clear() {
        slots = new long[SLOTS_INITIAL];
        keyChunks.clear();
        valueChunks.clear();
        logged = 0;
        heldBytes = 0;
        size = 0;
    }

    /** The slot holding {@code key}, or the empty slot where it belongs (linear probing). */
    private int find(byte[] key, int hash) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        long found;
        while ((found = slots[slot]) != EMPTY
                && (hashOf(found) != hash
                        || !Arrays.equals(keyChunks.get(chunkOf(found))[offsetOf(found)], key))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Appends a write to the log and returns its position. */
    private int log(byte[] key, byte[] value) {
        int position = logged++;
        int offset = position & (CHUNK_ENTRIES - 1);
        if (offset == 0) {
            keyChunks.add(new byte[CHUNK_ENTRIES][]);
            valueChunks.add(new byte[CHUNK_ENTRIES][]);
        }
        keyChunks.get(position >>> CHUNK_BITS)[offset] = key;
        valueChunks.get(position >>> CHUNK_BITS)[offset] = value;
        heldBytes += (long) key.length + value.length + WRITE_OVERHEAD_BYTES;
        return position;
    }

    private static int hashOf(long slot) {
        return (int) (slot >>> Integer.SIZE);
    }

    private static int chunkOf(long slot) {
        return ((int) slot - 1) >>> CHUNK_BITS;
    }

    private static int offsetOf(long slot) {
        return ((int) slot - 1) & (CHUNK_ENTRIES - 1);
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long moving : old) {
            if (moving != EMPTY) {
                int slot = hashOf(moving) & mask;
                while (slots[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = moving;
            }
        }
    }

    /** Arrays.hashCode spread so that its low bits, which pick the slot, depend on every byte. */
    private static int hash(byte[] key) {
        int h = Arrays.hashCode(key) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
