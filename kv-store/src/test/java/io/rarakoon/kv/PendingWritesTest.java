package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The log handling of {@link PendingWrites} that the leaf-map properties, with tiny values, miss.
 */
class PendingWritesTest {

    @Test
    void keepsTheArraysItIsHandedAndReadsEveryWriteBack() {
        PendingWrites writes = new PendingWrites();
        byte[] large = filled(3 << 20, (byte) 7);
        byte[] key = key(2);
        writes.put(key(1), new byte[] {1});
        writes.put(key, large);
        writes.put(key(3), new byte[] {3});

        assertSame(large, writes.get(key(2)), "held, not copied");
        assertArrayEquals(new byte[] {1}, writes.get(key(1)));
        assertArrayEquals(new byte[] {3}, writes.get(key(3)));
        byte[][][] drained = writes.drainSorted();
        assertSame(key, drained[0][1]);
        assertSame(large, drained[1][1]);
    }

    @Test
    void drainSkipsReplacedWrites() {
        PendingWrites writes = new PendingWrites();
        byte[] large = filled(3 << 20, (byte) 7);
        writes.put(key(1), new byte[] {1});
        writes.put(key(2), large);
        writes.put(key(3), new byte[] {3});
        writes.put(key(2), new byte[] {2});
        writes.put(key(3), large);
        writes.put(key(1), PendingWrites.DELETED);

        byte[][][] drained = writes.drainSorted();

        assertArrayEquals(new byte[][] {key(1), key(2), key(3)}, drained[0]);
        assertSame(PendingWrites.DELETED, drained[1][0]);
        assertArrayEquals(new byte[] {2}, drained[1][1]);
        assertSame(large, drained[1][2]);
    }

    @Test
    void putReturnsTheValueItReplacesAndDeletionsAreMarked() {
        PendingWrites writes = new PendingWrites();
        assertNull(writes.put(key(1), new byte[] {1}));
        assertArrayEquals(new byte[] {1}, writes.put(key(1), PendingWrites.DELETED));
        assertSame(PendingWrites.DELETED, writes.get(key(1)));
        assertSame(PendingWrites.DELETED, writes.put(key(1), new byte[0]));
        assertArrayEquals(new byte[0], writes.get(key(1)));
        assertEquals(1, writes.size());
    }

    @Test
    void drainSortsAcrossTableGrowthAndEmptiesTheTable() {
        PendingWrites writes = new PendingWrites();
        int count = 20_000; // several doublings of the table
        for (int i = count - 1; i >= 0; i--) {
            writes.put(key(i * 7919 % count), i % 3 == 0 ? PendingWrites.DELETED : key(i));
        }
        byte[][][] drained = writes.drainSorted();

        assertEquals(count, drained[0].length);
        for (int i = 1; i < count; i++) {
            assertEquals(
                    -1, Integer.signum(Arrays.compareUnsigned(drained[0][i - 1], drained[0][i])));
        }
        assertEquals(0, writes.size());
        assertEquals(0, writes.heldBytes());
        assertNull(writes.get(drained[0][0]));
    }

    @Test
    void reportsItselfFullAtItsLogLimitAndEveryWriteStaysReadable() {
        // Past one chunk of the log, with rewrites (which take log positions too) in the middle.
        int positions = 20_000;
        PendingWrites writes = new PendingWrites(positions);
        for (int i = 0; i < positions - 1; i++) {
            writes.put(key(i % 15_000), key(i));
        }
        assertFalse(writes.isFull(Long.MAX_VALUE));
        writes.put(key(15_000), key(positions - 1));

        assertTrue(writes.isFull(Long.MAX_VALUE));
        assertEquals(15_001, writes.size());
        assertArrayEquals(key(15_001), writes.get(key(1)), "the rewrite, not the first write");
        byte[][][] drained = writes.drainSorted();
        assertEquals(15_001, drained[0].length);
        assertArrayEquals(key(15_001), drained[1][1]);
        assertArrayEquals(key(14_999), drained[1][14_999]);
        assertFalse(writes.isFull(Long.MAX_VALUE));
    }

    @Test
    void reportsItselfFullPastItsByteBoundCountingReplacedWrites() {
        PendingWrites writes = new PendingWrites();
        writes.put(key(1), filled(1000, (byte) 1));
        long oneWrite = writes.heldBytes();
        assertTrue(oneWrite > 1004, "key and value bytes and their overhead: " + oneWrite);
        writes.put(key(1), filled(1000, (byte) 2));

        assertEquals(2 * oneWrite, writes.heldBytes());
        assertTrue(writes.isFull(2 * oneWrite - 1));
        assertFalse(writes.isFull(2 * oneWrite));
    }

    private static byte[] key(int number) {
        return new byte[] {
            (byte) (number >>> 24), (byte) (number >>> 16), (byte) (number >>> 8), (byte) number
        };
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
