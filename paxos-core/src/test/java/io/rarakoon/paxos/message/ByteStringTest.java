package io.rarakoon.paxos.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A byte string never shares its array: one copied out of a range of a buffer, or copied into a
 * caller's buffer, stays as it was when either buffer changes; ranges outside the arrays fail.
 */
class ByteStringTest {
    @Test
    void aRangeIsCopiedOutOfTheBuffer() {
        byte[] buffer = {9, 1, 2, 3, 9};
        ByteString range = ByteString.copyOf(buffer, 1, 3);
        buffer[2] = 0;
        assertEquals(ByteString.copyOf(new byte[] {1, 2, 3}), range);
        assertEquals(0, ByteString.copyOf(buffer, 5, 0).length());
        assertThrows(IndexOutOfBoundsException.class, () -> ByteString.copyOf(buffer, 3, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> ByteString.copyOf(buffer, -1, 2));
    }

    @Test
    void copyToFillsTheTargetFromItsOffsetAndKeepsTheBytes() {
        ByteString bytes = ByteString.copyOf(new byte[] {1, 2, 3});
        byte[] target = new byte[5];
        bytes.copyTo(target, 2);
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3}, target);
        target[2] = 7;
        assertArrayEquals(new byte[] {1, 2, 3}, bytes.toByteArray());
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.copyTo(target, 3));
    }
}
