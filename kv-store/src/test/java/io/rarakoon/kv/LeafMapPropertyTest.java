package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link LeafMap} against a TreeMap with leaves of only 4 entries, so that random puts and removes
 * (ascending runs, descending runs, random keys) split, append and merge leaves all the time. After
 * each operation the returned old value must match; at the end every ascending and descending walk
 * from every bound must match the TreeMap.
 */
class LeafMapPropertyTest {

    /** Put (value non-null) or remove (value null). */
    record Op(int key, byte[] value) {}

    @Property(tries = 300)
    void leafMapMatchesTreeMap(@ForAll("ops") List<Op> ops) {
        LeafMap map = new LeafMap(4);
        TreeMap<Bytes, byte[]> model = new TreeMap<>();
        for (Op op : ops) {
            byte[] key = key(op.key());
            byte[] expected =
                    op.value() == null
                            ? model.remove(Bytes.wrap(key))
                            : model.put(Bytes.wrap(key), op.value());
            byte[] actual = op.value() == null ? map.remove(key) : map.put(key, op.value());
            assertArrayEquals(expected, actual, "old value at " + op);
            assertEquals(model.size(), map.size());
        }
        for (int bound = -1; bound <= 41; bound++) {
            byte[] key = key(bound);
            assertEquals(model.containsKey(Bytes.wrap(key)), map.get(key) != null);
            for (boolean inclusive : new boolean[] {true, false}) {
                assertEquals(
                        keys(model.tailMap(Bytes.wrap(key), inclusive)),
                        walkUp(map, key, inclusive));
                assertEquals(
                        keys(model.headMap(Bytes.wrap(key), inclusive).descendingMap()),
                        walkDown(map, key, inclusive));
            }
        }
        assertEquals(keys(model.descendingMap()), walkDown(map, null, true));
    }

    @Property(tries = 50)
    void walksStopWhenTheVisitorSaysSo(@ForAll("ops") List<Op> ops) {
        LeafMap map = new LeafMap(4);
        ops.stream()
                .filter(op -> op.value() != null)
                .forEach(op -> map.put(key(op.key()), op.value()));
        List<Bytes> seen = new ArrayList<>();
        map.walkUp(new byte[0], true, (key, value) -> seen.add(Bytes.wrap(key)) && seen.size() < 3);
        assertEquals(Math.min(3, map.size()), seen.size());
        assertNull(map.get(key(99)));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> random =
                Combinators.combine(
                                Arbitraries.integers().between(0, 40),
                                Arbitraries.bytes()
                                        .array(byte[].class)
                                        .ofMaxSize(3)
                                        .injectNull(0.3))
                        .as(Op::new);
        Arbitrary<List<Op>> ascending =
                Arbitraries.integers().between(0, 30).map(start -> run(start, 1, new byte[] {1}));
        Arbitrary<List<Op>> descendingRemoves =
                Arbitraries.integers().between(10, 40).map(start -> run(start, -1, null));
        Arbitrary<List<Op>> randomRun = random.list().ofMaxSize(6);
        return Arbitraries.frequencyOf(
                        Tuple.of(6, randomRun),
                        Tuple.of(1, ascending),
                        Tuple.of(1, descendingRemoves))
                .list()
                .ofMaxSize(30)
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private static List<Op> run(int start, int step, byte[] value) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ops.add(new Op(start + i * step, value));
        }
        return ops;
    }

    /** Keys of one or two bytes so that prefixes and unsigned order (0x80..0xff) matter. */
    private static byte[] key(int number) {
        if (number < 0) {
            return new byte[0];
        }
        return number % 3 == 0
                ? new byte[] {(byte) (number * 6)}
                : new byte[] {(byte) (number * 6), (byte) number};
    }

    private static List<Bytes> keys(NavigableMap<Bytes, byte[]> map) {
        return new ArrayList<>(map.keySet());
    }

    private static List<Bytes> walkUp(LeafMap map, byte[] low, boolean inclusive) {
        List<Bytes> keys = new ArrayList<>();
        map.walkUp(low, inclusive, (key, value) -> keys.add(Bytes.wrap(key)));
        return keys;
    }

    private static List<Bytes> walkDown(LeafMap map, byte[] high, boolean inclusive) {
        List<Bytes> keys = new ArrayList<>();
        map.walkDown(high, inclusive, (key, value) -> keys.add(Bytes.wrap(key)));
        return keys;
    }
}
