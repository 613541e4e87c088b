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
import net.jqwik.api.constraints.LongRange;

/**
 * {@link LeafMap} against a TreeMap with leaves of only 4 entries, so that random puts and removes
 * (ascending runs, descending runs, random keys) split, append and merge leaves all the time. Bulk
 * loads start and finish in between; walks in the middle of one, and a random bound on the bytes
 * held back, sort its pending writes in. After each operation the returned old value and the size
 * must match; at the end every key's value (read before any walk, so from a bulk load's pending
 * writes) and every ascending and descending walk from every bound must match the TreeMap.
 */
class LeafMapPropertyTest {

    enum Kind {
        PUT,
        REMOVE,
        START_BULK_LOAD,
        FINISH_BULK_LOAD,
        WALK
    }

    /** A put of {@code value}, a remove, a bulk-load switch or a full walk checked mid-run. */
    record Op(Kind kind, int key, byte[] value) {
        static Op write(int key, byte[] value) {
            return new Op(value == null ? Kind.REMOVE : Kind.PUT, key, value);
        }
    }

    @Property(tries = 400)
    void leafMapMatchesTreeMap(
            @ForAll("ops") List<Op> ops, @ForAll @LongRange(max = 2000) long pendingBytesMax) {
        LeafMap map = new LeafMap(4, pendingBytesMax);
        TreeMap<Bytes, byte[]> model = new TreeMap<>();
        for (Op op : ops) {
            byte[] key = key(op.key());
            switch (op.kind()) {
                case PUT ->
                        assertArrayEquals(
                                model.put(Bytes.wrap(key), op.value()),
                                map.put(key, op.value()),
                                "" + op);
                case REMOVE ->
                        assertArrayEquals(model.remove(Bytes.wrap(key)), map.remove(key), "" + op);
                case START_BULK_LOAD -> map.startBulkLoad();
                case FINISH_BULK_LOAD -> map.finishBulkLoad();
                case WALK -> assertEquals(keys(model), walkUp(map, new byte[0], true));
            }
            assertEquals(model.size(), map.size());
        }
        for (int number = -1; number <= 41; number++) {
            byte[] key = key(number);
            assertArrayEquals(model.get(Bytes.wrap(key)), map.get(key), "value of " + number);
        }
        for (int bound = -1; bound <= 41; bound++) {
            byte[] key = key(bound);
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
        map.finishBulkLoad();
        assertEquals(keys(model), walkUp(map, new byte[0], true));
    }

    @Property(tries = 50)
    void walksStopWhenTheVisitorSaysSo(@ForAll("ops") List<Op> ops) {
        LeafMap map = new LeafMap(4, Long.MAX_VALUE);
        ops.stream()
                .filter(op -> op.kind() == Kind.PUT)
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
                        .as(Op::write);
        Arbitrary<List<Op>> ascending =
                Arbitraries.integers().between(0, 30).map(start -> run(start, 1, new byte[] {1}));
        Arbitrary<List<Op>> descendingRemoves =
                Arbitraries.integers().between(10, 40).map(start -> run(start, -1, null));
        Arbitrary<List<Op>> randomRun = random.list().ofMaxSize(6);
        Arbitrary<List<Op>> control =
                Arbitraries.of(Kind.START_BULK_LOAD, Kind.FINISH_BULK_LOAD, Kind.WALK)
                        .map(kind -> List.of(new Op(kind, 0, null)));
        return Arbitraries.frequencyOf(
                        Tuple.of(6, randomRun),
                        Tuple.of(1, ascending),
                        Tuple.of(1, descendingRemoves),
                        Tuple.of(2, control))
                .list()
                .ofMaxSize(30)
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private static List<Op> run(int start, int step, byte[] value) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ops.add(Op.write(start + i * step, value));
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
