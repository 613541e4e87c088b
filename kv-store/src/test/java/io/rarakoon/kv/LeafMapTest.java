package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a bulk load puts a write: the leaves at once, or the table of held-back writes. */
class LeafMapTest {

    @Test
    void aBulkLoadAppendsKeysAboveAllOthersAndHoldsBackTheRest() {
        LeafMap map = new LeafMap(4, Long.MAX_VALUE);
        map.startBulkLoad();
        for (int key = 10; key < 30; key++) {
            map.put(key(key), value(1));
        }
        assertEquals(0, map.heldBackCount(), "ascending keys land in the last leaf");

        map.put(key(5), value(1));
        assertEquals(1, map.heldBackCount(), "a key below the greatest waits");
        map.put(key(30), value(1));
        assertEquals(1, map.heldBackCount(), "a key above the greatest is appended");
        assertArrayEquals(value(1), map.put(key(29), value(2)));
        assertEquals(2, map.heldBackCount(), "a rewrite waits");
        assertArrayEquals(value(1), map.put(key(5), value(3)));
        assertArrayEquals(value(3), map.get(key(5)));

        map.finishBulkLoad();
        assertEquals(0, map.heldBackCount());
        List<Integer> keys = new ArrayList<>();
        map.walkUp(new byte[0], true, (key, value) -> keys.add((int) key[0]));
        List<Integer> expected = new ArrayList<>(List.of(5));
        for (int key = 10; key <= 30; key++) {
            expected.add(key);
        }
        assertEquals(expected, keys);
        assertEquals(22, map.size());
        assertArrayEquals(value(2), map.get(key(29)));
    }

    private static byte[] key(int number) {
        return new byte[] {(byte) number};
    }

    private static byte[] value(int number) {
        return new byte[] {(byte) number};
    }
}
