package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.bin.BenchmarkWorkload.KeyOrder;
import io.rarakoon.bin.BenchmarkWorkload.Scenario;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The key numbers the set and sequence scenarios write, in either order. */
class BenchmarkWorkloadTest {

    @Test
    void sequentialKeysFollowTheOperation() {
        BenchmarkWorkload workload = workload(16, KeyOrder.SEQUENTIAL);
        for (long n : new long[] {0, 1, 999_999_999, 1_000_000_000, 123_456_789_012L}) {
            assertEquals(n, workload.newKey(n));
        }
    }

    @Test
    void randomKeysAreEachKeyOnceAndScattered() {
        // Seven-byte keys hold six digits: the scramble must be a permutation of 0..999,999.
        BenchmarkWorkload workload = workload(7, KeyOrder.RANDOM);
        int keys = 1_000_000;
        BitSet seen = new BitSet(keys);
        long ascendingSteps = 0;
        long previous = Long.MIN_VALUE;
        for (long n = 0; n < keys; n++) {
            long key = workload.newKey(n);
            assertTrue(key >= 0 && key < keys, "key " + key + " of operation " + n);
            assertTrue(!seen.get((int) key), "key " + key + " written twice");
            seen.set((int) key);
            if (key == previous + 1) {
                ascendingSteps++;
            }
            previous = key;
        }
        assertEquals(keys, seen.cardinality());
        assertEquals(0, ascendingSteps, "consecutive operations wrote neighbouring keys");
    }

    @Test
    void randomKeysBeyondTheScrambledDigitsStayDistinct() {
        BenchmarkWorkload workload = workload(16, KeyOrder.RANDOM);
        long low = workload.newKey(42);
        long high = workload.newKey(1_000_000_000L + 42);
        assertEquals(1_000_000_000L, high - low);
        assertTrue(low < 1_000_000_000L);
    }

    private static BenchmarkWorkload workload(int keyBytes, KeyOrder order) {
        return new BenchmarkWorkload(Scenario.SET, keyBytes, 100, 1, order);
    }
}
