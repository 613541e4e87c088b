package io.rarakoon.kv;

import java.util.Arrays;

/**
 * Writes a {@link LeafMap} holds back while it bulk-loads: an open-addressing hash table from key
 * to the newest value or {@link #DELETED}. A write here costs a hash and one or two cache misses,
 * where an ordered insert into millions of random keys costs a search that misses the cache at
 * every step; {@link #drainSorted} hands the writes over in key order once. Not thread-safe.
 */
final class PendingWrites {

    /** The value of a key removed while pending; compared by identity, never stored in a map. */
    static final byte[] DELETED = new byte[0];

    /** Entries per slot at most before the table doubles: short probe runs, 1.4 slots an entry. */
    private static final double LOAD_FACTOR_MAX = 0.7;

    private static final int SLOTS_INITIAL = 1 << 12;

    private int[] hashes = new int[SLOTS_INITIAL];
    private byte[][] keys = new byte[SLOTS_INITIAL][];
    private byte[][] values = new byte[SLOTS_INITIAL][];
    private int size;

    int size() {
        return size;
    }

    /** The pending value of {@code key} (possibly {@link #DELETED}), or null if none is pending. */
    byte[] get(byte[] key) {
        int slot = find(key, hash(key));
        return keys[slot] == null ? null : values[slot];
    }

    /** Makes {@code value} (or {@link #DELETED}) the pending value of {@code key}. */
    void put(byte[] key, byte[] value) {
        int hash = hash(key);
        int slot = find(key, hash);
        if (keys[slot] == null) {
            hashes[slot] = hash;
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
        if (size > keys.length * LOAD_FACTOR_MAX) {
            grow();
        }
    }

    /**
     * Returns the pending writes as parallel arrays {keys, values} of {@link #size()} entries in
     * ascending unsigned key order, and leaves this table empty.
     */
    byte[][][] drainSorted() {
        byte[][] drainedKeys = new byte[size][];
        byte[][] drainedValues = new byte[size][];
        int count = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                drainedKeys[count] = keys[slot];
                drainedValues[count] = values[slot];
                count++;
            }
        }
        hashes = new int[SLOTS_INITIAL];
        keys = new byte[SLOTS_INITIAL][];
        values = new byte[SLOTS_INITIAL][];
        size = 0;
        int[] order = KeySorter.ascendingOrder(drainedKeys);
        byte[][] sortedKeys = new byte[count][];
        byte[][] sortedValues = new byte[count][];
        for (int i = 0; i < count; i++) {
            sortedKeys[i] = drainedKeys[order[i]];
            sortedValues[i] = drainedValues[order[i]];
        }
        return new byte[][][] {sortedKeys, sortedValues};
    }

    /** The slot holding {@code key}, or the empty slot where it belongs (linear probing). */
    private int find(byte[] key, int hash) {
        int mask = keys.length - 1;
        int slot = hash & mask;
        while (keys[slot] != null && (hashes[slot] != hash || !Arrays.equals(keys[slot], key))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldHashes = hashes;
        byte[][] oldKeys = keys;
        byte[][] oldValues = values;
        int slots = oldKeys.length * 2;
        hashes = new int[slots];
        keys = new byte[slots][];
        values = new byte[slots][];
        int mask = slots - 1;
        for (int old = 0; old < oldKeys.length; old++) {
            if (oldKeys[old] != null) {
                int slot = oldHashes[old] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[old];
                keys[slot] = oldKeys[old];
                values[slot] = oldValues[old];
            }
        }
    }

    /** Arrays.hashCode spread so that its low bits, which pick the slot, depend on every byte. */
    private static int hash(byte[] key) {
        int h = Arrays.hashCode(key) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
