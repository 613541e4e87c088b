package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Bytes: unsigned lexicographic order, value equality, defensive copies and a short toString. */
class BytesTest {

    @Test
    void ordersUnsignedWithPrefixesFirst() {
        Bytes empty = Bytes.EMPTY;
        Bytes a = Bytes.utf8("a");
        Bytes ab = Bytes.utf8("ab");
        Bytes high = Bytes.copyOf(new byte[] {(byte) 0x80});
        Bytes highest = Bytes.copyOf(new byte[] {(byte) 0xff});
        TreeSet<Bytes> sorted = new TreeSet<>(List.of(highest, ab, high, empty, a));
        assertEquals(List.of(empty, a, ab, high, highest), List.copyOf(sorted));
    }

    @Test
    void equalsByContentAndCopiesArrays() {
        byte[] array = {1, 2, 3};
        Bytes bytes = Bytes.copyOf(array);
        array[0] = 9;
        assertEquals(Bytes.copyOf(new byte[] {1, 2, 3}), bytes);
        assertEquals(Bytes.copyOf(new byte[] {1, 2, 3}).hashCode(), bytes.hashCode());
        bytes.toByteArray()[1] = 9;
        assertEquals(2, bytes.unsignedByteAt(1));
        assertNotEquals(Bytes.utf8("a"), Bytes.utf8("b"));
    }

    @Test
    void aRangeIsCopiedOutOfTheBuffer() {
        byte[] buffer = {9, 1, 2, 3, 9};
        Bytes range = Bytes.copyOf(buffer, 1, 3);
        buffer[2] = 0;
        assertEquals(Bytes.copyOf(new byte[] {1, 2, 3}), range);
        assertEquals(Bytes.EMPTY, Bytes.copyOf(buffer, 5, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.copyOf(buffer, 3, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.copyOf(buffer, -1, 2));
    }

    @Test
    void writeToHandsTheBytesToTheSink() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Bytes.utf8("abc").writeTo(sink::writeBytes);
        Bytes.EMPTY.writeTo(sink::writeBytes);
        assertEquals(Bytes.utf8("abc"), Bytes.copyOf(sink.toByteArray()));
    }

    @Test
    void startsWithComparesPrefixes() {
        assertTrue(Bytes.utf8("abc").startsWith(Bytes.utf8("ab")));
        assertTrue(Bytes.utf8("abc").startsWith(Bytes.EMPTY));
        assertFalse(Bytes.utf8("ab").startsWith(Bytes.utf8("abc")));
    }

    @Test
    void toStringEscapesAndTruncatesLargeValues() {
        assertEquals("\"a\\x00\\xff\"", Bytes.copyOf(new byte[] {'a', 0, (byte) 0xff}).toString());
        String huge = Bytes.copyOf(new byte[10_000]).toString();
        assertTrue(huge.endsWith("...(10000 bytes)"), huge);
        assertTrue(huge.length() < 200, huge);
    }
}
