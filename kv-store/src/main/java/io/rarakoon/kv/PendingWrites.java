package io.rarakoon.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link LeafMap} holds back while it bulk-loads: an open-addressing hash table from key
 * to its newest record, a key and a value (or a deletion) copied into large byte pages. A write
 * here costs a hash, a copy and one or two cache misses, where an ordered insert into millions of
 * random keys costs a search that misses the cache at every step; {@link #drainSorted} hands the
 * writes over in key order once.
 *
 * <p>The table and pages hold no references: written at random between two young collections, a
 * table of references would have the collector scan all of it at each one (hundreds of milliseconds
 * per collection at millions of keys), and the caller's arrays die young instead of being copied to
 * the old generation. Not thread-safe.
 */
final class PendingWrites {

    /** The value of a key removed while pending; compared by identity, never stored in a map. */
    static final byte[] DELETED = new byte[0];

    /** Entries per slot at most before the table doubles: short probe runs, 1.4 slots an entry. */
    private static final double LOAD_FACTOR_MAX = 0.7;

    private static final int SLOTS_INITIAL = 1 << 12;

    /** Records are appended to pages of this size; a larger record gets a page of its own. */
    private static final int PAGE_BYTES = 1 << 20;

    /** Records start at multiples of this, so that an address names an offset in fewer bits. */
    private static final int RECORD_ALIGNMENT = Long.BYTES;

    /** Bits of an address that hold a record's offset in its page, in units of the alignment. */
    private static final int OFFSET_BITS =
            Integer.numberOfTrailingZeros(PAGE_BYTES / RECORD_ALIGNMENT);

    /**
     * Pages at most: an address holds its page's index plus one in the bits above the offset (so
     * that no address is 0), and stays a positive int. {@link #isFull} tells the caller to drain.
     */
    private static final int ADDRESSABLE_PAGES = (1 << (Integer.SIZE - 1 - OFFSET_BITS)) - 1;

    /**
     * A record: key length (with {@link #SUPERSEDED_BIT}), value length (or {@link
     * #DELETED_LENGTH}), key, value, padded to the alignment.
     */
    private static final int RECORD_HEADER_BYTES = 2 * Integer.BYTES;

    private static final int DELETED_LENGTH = -1;

    /** Set in the key length of a record a later write of its key replaced: the drain skips it. */
    private static final int SUPERSEDED_BIT = Integer.MIN_VALUE;

    /** A slot with no record. */
    private static final long EMPTY = 0;

    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /**
     * Per slot, the key's hash in the high 32 bits and the address of its newest record in the low
     * 32, or {@link #EMPTY}: one load, and one cache miss, per probe.
     */
    private long[] slots;

    private final List<byte[]> pages = new ArrayList<>();

    private final int pagesMax;

    /** Per page, the bytes its records fill from its start. */
    private int[] pageFills;

    private long recordBytes;
    private int size;

    /** What {@link #prefetch} loads, kept so that the compiler cannot drop the loads. */
    private long prefetched;

    PendingWrites() {
        this(ADDRESSABLE_PAGES);
    }

    /** A table that reports itself full at {@code pagesMax} pages (a test needs few). */
    PendingWrites(int pagesMax) {
        if (pagesMax < 1 || pagesMax > ADDRESSABLE_PAGES) {
            throw new IllegalArgumentException(
                    "pagesMax " + pagesMax + " outside 1.." + ADDRESSABLE_PAGES);
        }
        this.pagesMax = pagesMax;
        clear();
    }

    /** Keys with a pending write. */
    int size() {
        return size;
    }

    /** Bytes of records held, overwritten ones included: what the pages cost. */
    long recordBytes() {
        return recordBytes;
    }

    /** Whether the records exceed {@code recordBytesMax} or fill the pages an address can name. */
    boolean isFull(long recordBytesMax) {
        return recordBytes > recordBytesMax || pages.size() >= pagesMax;
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

    /**
     * A copy of the pending value of {@code key} (or {@link #DELETED}), or null if none is pending.
     */
    byte[] get(byte[] key) {
        long slot = slots[find(key, hash(key))];
        return slot == EMPTY ? null : valueOf(addressOf(slot));
    }

    /**
     * Makes a copy of {@code value} (or {@link #DELETED}) the pending value of {@code key}; returns
     * the value it replaces (possibly {@link #DELETED}), or null if none was pending.
     */
    byte[] put(byte[] key, byte[] value) {
        int hash = hash(key);
        int slot = find(key, hash);
        long old = slots[slot];
        byte[] previous = null;
        if (old == EMPTY) {
            size++;
        } else {
            int address = addressOf(old);
            previous = valueOf(address);
            byte[] page = pageOf(address);
            int offset = offsetOf(address);
            INT.set(page, offset, (int) INT.get(page, offset) | SUPERSEDED_BIT);
        }
        slots[slot] = (long) hash << Integer.SIZE | append(key, value);
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
        // Page order, not slot order: the pages are read once, front to back.
        for (int pageIndex = 0; pageIndex < pages.size(); pageIndex++) {
            byte[] page = pages.get(pageIndex);
            int offset = 0;
            while (offset < pageFills[pageIndex]) {
                int keyLengthAndBit = (int) INT.get(page, offset);
                int keyLength = keyLengthAndBit & ~SUPERSEDED_BIT;
                int valueLength = (int) INT.get(page, offset + Integer.BYTES);
                int keyStart = offset + RECORD_HEADER_BYTES;
                if ((keyLengthAndBit & SUPERSEDED_BIT) == 0) {
                    keys[count] = Arrays.copyOfRange(page, keyStart, keyStart + keyLength);
                    values[count] = valueOf(page, offset);
                    count++;
                }
                offset += alignedLength(keyLength, valueLength);
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
        pages.clear();
        pageFills = new int[16];
        recordBytes = 0;
        size = 0;
    }

    /** The slot holding {@code key}, or the empty slot where it belongs (linear probing). */
    private int find(byte[] key, int hash) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        long found;
        while ((found = slots[slot]) != EMPTY
                && (hashOf(found) != hash || !recordHasKey(addressOf(found), key))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Copies a record into the pages and returns its address. */
    private int append(byte[] key, byte[] value) {
        int valueLength = value == DELETED ? DELETED_LENGTH : value.length;
        int length = alignedLength(key.length, valueLength);
        int pageIndex = pages.size() - 1;
        if (pageIndex < 0 || pageFills[pageIndex] + length > pages.get(pageIndex).length) {
            // A record larger than a page gets a page of its own, exactly its size.
            pages.add(new byte[Math.max(length, PAGE_BYTES)]);
            pageIndex++;
            if (pageIndex == pageFills.length) {
                pageFills = Arrays.copyOf(pageFills, pageIndex * 2);
            }
        }
        byte[] page = pages.get(pageIndex);
        int offset = pageFills[pageIndex];
        pageFills[pageIndex] += length;
        INT.set(page, offset, key.length);
        INT.set(page, offset + Integer.BYTES, valueLength);
        System.arraycopy(key, 0, page, offset + RECORD_HEADER_BYTES, key.length);
        if (valueLength > 0) {
            System.arraycopy(
                    value, 0, page, offset + RECORD_HEADER_BYTES + key.length, valueLength);
        }
        recordBytes += length;
        return (pageIndex + 1) << OFFSET_BITS | offset / RECORD_ALIGNMENT;
    }

    private static int alignedLength(int keyLength, int valueLength) {
        int length = RECORD_HEADER_BYTES + keyLength + Math.max(0, valueLength);
        return (length + RECORD_ALIGNMENT - 1) & -RECORD_ALIGNMENT;
    }

    private boolean recordHasKey(int address, byte[] key) {
        byte[] page = pageOf(address);
        int offset = offsetOf(address);
        int keyStart = offset + RECORD_HEADER_BYTES;
        return (int) INT.get(page, offset) == key.length
                && Arrays.equals(page, keyStart, keyStart + key.length, key, 0, key.length);
    }

    private byte[] valueOf(int address) {
        return valueOf(pageOf(address), offsetOf(address));
    }

    /** A copy of the value of the record at {@code offset}, or {@link #DELETED}. */
    private static byte[] valueOf(byte[] page, int offset) {
        int valueLength = (int) INT.get(page, offset + Integer.BYTES);
        if (valueLength == DELETED_LENGTH) {
            return DELETED;
        }
        int valueStart = offset + RECORD_HEADER_BYTES + (int) INT.get(page, offset);
        return Arrays.copyOfRange(page, valueStart, valueStart + valueLength);
    }

    private static int hashOf(long slot) {
        return (int) (slot >>> Integer.SIZE);
    }

    private static int addressOf(long slot) {
        return (int) slot;
    }

    private byte[] pageOf(int address) {
        return pages.get((address >>> OFFSET_BITS) - 1);
    }

    private static int offsetOf(int address) {
        return (address & ((1 << OFFSET_BITS) - 1)) * RECORD_ALIGNMENT;
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
