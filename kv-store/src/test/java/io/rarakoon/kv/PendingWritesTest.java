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
 * The page handling of {@link PendingWrites} that the leaf-map properties, with tiny values, miss.
 */
class PendingWritesTest {

    @Test
    void valuesLargerThanAPageKeepEveryRecordReadable() {
        PendingWrites writes = new PendingWrites();
        byte[] large = filled(3 << 20, (byte) 7);
        writes.put(key(1), new byte[] {1});
        writes.put(key(2), large);
        writes.put(key(3), new byte[] {3});
        writes.put(key(4), filled(1 << 20, (byte) 4)); // header and key push it past a page
        writes.put(key(5), new byte[] {5});

        assertArrayEquals(new byte[] {1}, writes.get(key(1)));
        assertArrayEquals(large, writes.get(key(2)));
        assertArrayEquals(new byte[] {3}, writes.get(key(3)));
        assertArrayEquals(filled(1 << 20, (byte) 4), writes.get(key(4)));
        assertArrayEquals(new byte[] {5}, writes.get(key(5)));
    }

    @Test
    void drainSkipsReplacedRecordsOfEverySize() {
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
        assertArrayEquals(large, drained[1][2]);
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
        assertEquals(0, writes.recordBytes());
        assertNull(writes.get(drained[0][0]));
    }

    @Test
    void reportsItselfFullAtItsPageLimitAndEveryRecordStaysReadable() {
        PendingWrites writes = new PendingWrites(3);
        byte[] large = filled(1 << 20, (byte) 9); // with header and key, a page of its own
        writes.put(key(1), large);
        writes.put(key(2), large);
        assertFalse(writes.isFull(Long.MAX_VALUE));
        writes.put(key(3), large);

        assertTrue(writes.isFull(Long.MAX_VALUE));
        assertTrue(writes.isFull(0));
        byte[][][] drained = writes.drainSorted();
        assertArrayEquals(new byte[][] {key(1), key(2), key(3)}, drained[0]);
        assertArrayEquals(large, drained[1][2]);
        assertFalse(writes.isFull(Long.MAX_VALUE));
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
