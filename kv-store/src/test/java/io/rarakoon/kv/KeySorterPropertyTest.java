package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link KeySorter} against a comparison sort. Keys are a shared prefix (none, 8 zero bytes, 3
 * letters, or 70 bytes, past the radix rounds) and a short tail over the bytes where unsigned order
 * and zero padding can go wrong (0x00, 0x01, 0x7f, 0x80, 0xff): many keys tie on 8-byte prefixes,
 * some are prefixes of others, some differ only in trailing zeros.
 */
class KeySorterPropertyTest {

    private static final List<byte[]> PREFIXES =
            List.of(new byte[0], new byte[8], "abc".getBytes(), filled(70, (byte) 'k'));

    @Property(tries = 300)
    void sortsLikeUnsignedComparison(@ForAll("distinctKeys") List<Bytes> distinct) {
        byte[][] keys = distinct.stream().map(Bytes::toByteArray).toArray(byte[][]::new);

        int[] order = KeySorter.ascendingOrder(keys);

        List<Bytes> sorted = new ArrayList<>();
        for (int index : order) {
            sorted.add(Bytes.wrap(keys[index]));
        }
        List<Bytes> expected = new ArrayList<>(distinct);
        expected.sort(Bytes::compareTo);
        assertEquals(expected, sorted);
    }

    /**
     * Past 65,536 keys the sort splits by its top digit first: 200,000 keys, half of them random,
     * half sharing their first 3 bytes and differing in few bits, so that splits recurse.
     */
    @Example
    void sortsManyKeysLikeUnsignedComparison() {
        SplittableRandom random = new SplittableRandom(20261122);
        Set<Bytes> distinct = new HashSet<>();
        while (distinct.size() < 200_000) {
            byte[] key = new byte[random.nextInt(0, 20)];
            random.nextBytes(key);
            if (distinct.size() % 2 == 0 && key.length > 4) {
                key[0] = 'k';
                key[1] = 'e';
                key[2] = 'y';
                key[3] &= 1;
            }
            distinct.add(Bytes.wrap(key));
        }
        sortsLikeUnsignedComparison(new ArrayList<>(distinct));
    }

    @Property(tries = 50)
    void prefixAtPadsWithZerosPastTheEnd(@ForAll("key") byte[] key) {
        for (int offset = 0; offset <= key.length + 8; offset++) {
            byte[] padded = Arrays.copyOf(key, Math.max(key.length, offset + Long.BYTES));
            long expected = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                expected = (expected << 8) | (padded[offset + i] & 0xff);
            }
            assertEquals(expected, KeySorter.prefixAt(key, offset), "offset " + offset);
        }
    }

    @Provide
    Arbitrary<List<Bytes>> distinctKeys() {
        return key().map(Bytes::wrap).list().uniqueElements().ofMaxSize(400);
    }

    @Provide
    Arbitrary<byte[]> key() {
        Arbitrary<byte[]> tail =
                Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff)
                        .array(byte[].class)
                        .ofMaxSize(12);
        return Combinators.combine(Arbitraries.of(PREFIXES), tail)
                .as(
                        (prefix, suffix) -> {
                            byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
                            System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
                            return key;
                        });
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
