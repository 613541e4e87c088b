package io.rarakoon.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Sorts distinct byte-array keys in unsigned lexicographic order without a comparison per step: a
 * radix sort on each key's next 8 bytes as one unsigned long (zero-padded past the key's end),
 * recursing into runs that tie on those bytes. A comparison sort of millions of random keys loads
 * another key array at every comparison; here each pass streams through two flat arrays.
 */
final class KeySorter {

    /** Ranges this small are sorted by comparing whole keys. */
    private static final int COMPARISON_SORT_ENTRIES_MAX = 32;

    /**
     * Ties still unresolved after this many leading bytes are sorted by comparing whole keys, which
     * bounds the recursion for keys with long shared prefixes.
     */
    private static final int RADIX_PREFIX_BYTES_MAX = 64;

    private static final int DIGIT_BITS = 8;

    private static final int DIGITS_PER_PREFIX = Long.SIZE / DIGIT_BITS;

    private static final int DIGIT_VALUES = 1 << DIGIT_BITS;

    /**
     * Ranges up to this many pairs (12 bytes each, twice over with the scratch arrays: 1.5 MiB) are
     * sorted digit by digit from the least significant; larger ones are split by their top digit
     * first, since a pass that scatters pairs across a range larger than the cache misses it at
     * every pair.
     */
    private static final int LSD_ENTRIES_MAX = 1 << 16;

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[][] keys;
    private final int[] order;
    private final long[] prefixes;
    private final int[] orderScratch;
    private final long[] prefixScratch;

    private KeySorter(byte[][] keys) {
        this.keys = keys;
        int count = keys.length;
        order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        prefixes = new long[count];
        orderScratch = new int[count];
        prefixScratch = new long[count];
    }

    /**
     * The indexes of {@code keys} in ascending unsigned order of the keys.
     *
     * @param keys distinct keys; not modified
     */
    static int[] ascendingOrder(byte[][] keys) {
        KeySorter sorter = new KeySorter(keys);
        sorter.sort(0, keys.length, 0);
        return sorter.order;
    }

    /** Sorts order[from, to), whose keys all share their first {@code offset} bytes. */
    private void sort(int from, int to, int offset) {
        if (to - from <= COMPARISON_SORT_ENTRIES_MAX || offset >= RADIX_PREFIX_BYTES_MAX) {
            comparisonSort(from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            prefixes[i] = prefixAt(keys[order[i]], offset);
        }
        radixSort(from, to, DIGITS_PER_PREFIX - 1);
        int runStart = from;
        for (int i = from + 1; i <= to; i++) {
            if (i == to || prefixes[i] != prefixes[runStart]) {
                if (i - runStart > 1) {
                    // Keys that end within these 8 bytes pad to zeros; the next round (or the
                    // comparison sort) puts a key before the longer keys it is a prefix of.
                    sort(runStart, i, offset + Long.BYTES);
                }
                runStart = i;
            }
        }
    }

    /**
     * Sorts (prefix, order) pairs in [from, to) by unsigned prefix; they agree on the digits above
     * {@code topDigit} (digit 0 is the least significant byte). A large range is split by its top
     * digit first, until the pieces fit in the cache; a piece is then sorted digit by digit from
     * the least significant (LSD), each pass stable.
     */
    private void radixSort(int from, int to, int topDigit) {
        if (to - from > LSD_ENTRIES_MAX && topDigit > 0) {
            int[] bucketStarts = distribute(from, to, topDigit);
            for (int bucket = 0; bucket < DIGIT_VALUES; bucket++) {
                if (bucketStarts[bucket + 1] - bucketStarts[bucket] > 1) {
                    radixSort(bucketStarts[bucket], bucketStarts[bucket + 1], topDigit - 1);
                }
            }
            return;
        }
        for (int digit = 0; digit <= topDigit; digit++) {
            distribute(from, to, digit);
        }
    }

    /**
     * One stable counting pass: orders the pairs in [from, to) by {@code digit}; returns where each
     * digit value's run starts (and, last, {@code to}).
     */
    private int[] distribute(int from, int to, int digit) {
        int[] starts = new int[DIGIT_VALUES + 1];
        for (int i = from; i < to; i++) {
            starts[digitOf(prefixes[i], digit) + 1]++;
        }
        boolean oneValue = starts[digitOf(prefixes[from], digit) + 1] == to - from;
        starts[0] = from;
        for (int value = 0; value < DIGIT_VALUES; value++) {
            starts[value + 1] += starts[value];
        }
        if (oneValue) {
            return starts; // every pair has this digit: the pass would not move anything
        }
        int[] next = Arrays.copyOf(starts, DIGIT_VALUES);
        for (int i = from; i < to; i++) {
            int target = next[digitOf(prefixes[i], digit)]++;
            prefixScratch[target] = prefixes[i];
            orderScratch[target] = order[i];
        }
        System.arraycopy(prefixScratch, from, prefixes, from, to - from);
        System.arraycopy(orderScratch, from, order, from, to - from);
        return starts;
    }

    private static int digitOf(long prefix, int digit) {
        return (int) (prefix >>> (digit * DIGIT_BITS)) & (DIGIT_VALUES - 1);
    }

    /** Insertion sort for small ranges; a boxed comparison sort for large tied ranges. */
    private void comparisonSort(int from, int to) {
        if (to - from <= COMPARISON_SORT_ENTRIES_MAX) {
            for (int i = from + 1; i < to; i++) {
                int moving = order[i];
                int j = i;
                while (j > from && Arrays.compareUnsigned(keys[order[j - 1]], keys[moving]) > 0) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = moving;
            }
            return;
        }
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = order[i];
        }
        Arrays.sort(boxed, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        for (int i = from; i < to; i++) {
            order[i] = boxed[i - from];
        }
    }

    /** Bytes offset..offset+7 of {@code key} as a big-endian long, zeros past the key's end. */
    static long prefixAt(byte[] key, int offset) {
        if (key.length >= offset + Long.BYTES) {
            return (long) BIG_ENDIAN_LONG.get(key, offset);
        }
        long prefix = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            int index = offset + i;
            prefix = (prefix << 8) | (index < key.length ? key[index] & 0xff : 0);
        }
        return prefix;
    }
}
