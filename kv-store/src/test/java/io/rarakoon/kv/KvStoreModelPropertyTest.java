package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The store against {@link ModelStore}: random batches of every update kind (nested sequences that
 * commit and abort, user functions that succeed and fail, values at and over a tiny value limit)
 * over a small key alphabet with unsigned-order traps (empty key, 0x80, 0xff, prefixes), then
 * random range, reverse-range, prefix and count reads. Results, state and reads must match after
 * every batch, with the store bulk-loading (as a replay does) or not.
 */
class KvStoreModelPropertyTest {

    /** Values of length 4 and 5 fail, so limits are hit often. */
    private static final int VALUE_BYTES_MAX = 4;

    static final Map<String, UserFunctionRegistry.Function> FUNCTIONS =
            Map.of(
                    "append", KvStoreModelPropertyTest::append,
                    "count", KvStoreModelPropertyTest::count,
                    "boom", KvStoreModelPropertyTest::boom,
                    "missing", KvStoreModelPropertyTest::missing,
                    "refuse", KvStoreModelPropertyTest::refuse);

    private static final List<Bytes> KEYS =
            List.of(
                    Bytes.EMPTY,
                    Bytes.utf8("a"),
                    Bytes.utf8("ab"),
                    Bytes.utf8("abc"),
                    Bytes.copyOf(new byte[] {'a', (byte) 0xff}),
                    Bytes.utf8("b"),
                    Bytes.copyOf(new byte[] {(byte) 0x80}),
                    Bytes.copyOf(new byte[] {(byte) 0xff}),
                    Bytes.copyOf(new byte[] {(byte) 0xff, 0}));

    private static final List<Bytes> ADMIN_KEYS =
            List.of(
                    Bytes.utf8("a"),
                    Bytes.utf8("b"),
                    Bytes.utf8("interval"),
                    Bytes.utf8("routing"),
                    Bytes.utf8("routing_delta"));

    /** One range-style read with Arakoon's parameters. */
    record Query(
            Optional<Bytes> first, boolean finc, Optional<Bytes> last, boolean linc, int max) {}

    @Property(tries = 250)
    @StatisticsReport(format = Histogram.class)
    void storeMatchesModel(
            @ForAll("batches") List<List<Update>> batches,
            @ForAll("queries") List<Query> queries,
            @ForAll boolean bulkLoad) {
        KvStore store = new KvStore(VALUE_BYTES_MAX, UserFunctionRegistry.of(FUNCTIONS));
        if (bulkLoad) {
            store.startBulkLoad();
        }
        ModelStore model = new ModelStore(VALUE_BYTES_MAX, FUNCTIONS);
        long index = 0;
        for (List<Update> batch : batches) {
            List<UpdateResult> expected = normalized(model.apply(index, batch));
            assertEquals(expected, normalized(store.apply(index, batch)), "batch " + batch);
            collectSequenceOutcomes(batch, expected);
            index++;
            assertSameState(model, store);
        }
        Statistics.label("non-empty sequence")
                .coverage(
                        coverage -> {
                            coverage.check("commit").percentage(p -> p > 10);
                            coverage.check("abort").percentage(p -> p > 10);
                        });
        store.finishBulkLoad();
        assertSameState(model, store);
        for (Query q : queries) {
            assertEquals(
                    model.range(q.first(), q.finc(), q.last(), q.linc(), q.max()),
                    store.range(q.first(), q.finc(), q.last(), q.linc(), q.max()),
                    "range " + q);
            assertEquals(
                    model.rangeEntries(q.first(), q.finc(), q.last(), q.linc(), q.max()),
                    store.rangeEntries(q.first(), q.finc(), q.last(), q.linc(), q.max()),
                    "rangeEntries " + q);
            assertEquals(
                    model.revRangeEntries(q.first(), q.finc(), q.last(), q.linc(), q.max()),
                    store.revRangeEntries(q.first(), q.finc(), q.last(), q.linc(), q.max()),
                    "revRangeEntries " + q);
            Bytes prefix = q.first().orElse(Bytes.EMPTY);
            assertEquals(
                    model.prefixKeys(prefix, q.max()),
                    store.prefixKeys(prefix, q.max()),
                    "prefixKeys " + q);
        }
    }

    /** Sequences must both commit and abort often enough for the property to mean something. */
    private static void collectSequenceOutcomes(List<Update> batch, List<UpdateResult> results) {
        for (int i = 0; i < batch.size(); i++) {
            Update update = batch.get(i);
            boolean sequence =
                    update instanceof Update.Sequence s && !s.updates().isEmpty()
                            || update instanceof Update.SyncedSequence ss
                                    && !ss.updates().isEmpty();
            if (sequence) {
                Statistics.label("non-empty sequence")
                        .collect(
                                results.get(i) instanceof UpdateResult.Failed ? "abort" : "commit");
            }
        }
    }

    private static void assertSameState(ModelStore model, KvStore store) {
        assertEquals(model.appliedIndex(), store.appliedIndex().orElse(-1));
        assertEquals(model.master(), store.master());
        assertEquals(model.keyCount(), store.keyCount());
        for (Bytes key : ADMIN_KEYS) {
            assertEquals(model.adminGet(key), store.adminGet(key), "admin key " + key);
        }
        // Point reads first: a range read sorts a bulk load's pending writes into the map.
        for (Bytes key : KEYS) {
            assertEquals(model.get(key), store.get(key));
            assertEquals(model.get(key).isPresent(), store.exists(key));
        }
        assertEquals(
                model.rangeEntries(Optional.empty(), true, Optional.empty(), true, -1),
                store.rangeEntries(Optional.empty(), true, Optional.empty(), true, -1));
    }

    /** AssertRange's description is formatted by the store only; compare its code and tag. */
    private static List<UpdateResult> normalized(List<UpdateResult> results) {
        List<UpdateResult> normalized = new ArrayList<>();
        for (UpdateResult result : results) {
            if (result instanceof UpdateResult.Failed f
                    && f.message().toUtf8().startsWith("Assert_range")) {
                normalized.add(UpdateResult.Failed.of(f.code(), "Assert_range"));
            } else {
                normalized.add(result);
            }
        }
        return normalized;
    }

    @Provide
    Arbitrary<List<List<Update>>> batches() {
        return updates(2).list().ofMaxSize(5).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Query>> queries() {
        Arbitrary<Optional<Bytes>> bound = keys().optional(0.8);
        Arbitrary<Boolean> inclusive = Arbitraries.of(true, false);
        return Combinators.combine(
                        bound, inclusive, bound, inclusive, Arbitraries.integers().between(-1, 4))
                .as(Query::new)
                .list()
                .ofMaxSize(8);
    }

    private static Arbitrary<Bytes> keys() {
        return Arbitraries.of(KEYS);
    }

    private static Arbitrary<Bytes> values() {
        return Arbitraries.bytes()
                .between((byte) 'v', (byte) 'z')
                .array(byte[].class)
                .ofMaxSize(VALUE_BYTES_MAX + 1)
                .map(Bytes::copyOf);
    }

    private static Arbitrary<Update> updates(int depth) {
        Arbitrary<Optional<Bytes>> optionalValues = values().optional(0.7);
        List<Arbitrary<? extends Update>> kinds = new ArrayList<>();
        kinds.add(Combinators.combine(keys(), values()).as(Update.Set::new));
        kinds.add(keys().map(Update.Delete::new));
        kinds.add(
                Combinators.combine(keys(), optionalValues, optionalValues)
                        .as(Update.TestAndSet::new));
        kinds.add(Combinators.combine(keys(), optionalValues).as(Update.Replace::new));
        kinds.add(Arbitraries.of("n0", "n1").map(Update.MasterSet::new));
        kinds.add(Arbitraries.just(new Update.Nop()));
        kinds.add(
                Combinators.combine(
                                Arbitraries.of("append", "count", "boom", "missing", "refuse"),
                                keys().optional(0.8))
                        .as(Update.UserFunction::new));
        kinds.add(Arbitraries.just(new Update.UserFunction("nope", Optional.empty())));
        kinds.add(Combinators.combine(keys(), optionalValues).as(Update.Assert::new));
        kinds.add(keys().map(Update.AssertExists::new));
        kinds.add(
                Combinators.combine(keys(), keys().list().ofMaxSize(2))
                        .as((prefix, keys) -> new Update.AssertRange(prefix, sorted(keys))));
        kinds.add(keys().map(Update.DeletePrefix::new));
        kinds.add(
                Combinators.combine(Arbitraries.of(ADMIN_KEYS), optionalValues)
                        .as(Update.AdminSet::new));
        kinds.add(values().map(Update.SetInterval::new));
        kinds.add(values().map(Update.SetRouting::new));
        kinds.add(values().map(Update.SetRoutingDelta::new));
        if (depth > 0) {
            Arbitrary<List<Update>> children = updates(depth - 1).list().ofMaxSize(4);
            kinds.add(children.map(Update.Sequence::new));
            kinds.add(children.map(Update.Sequence::new));
            kinds.add(children.map(Update.SyncedSequence::new));
        }
        return Arbitraries.oneOf(kinds);
    }

    private static List<Bytes> sorted(List<Bytes> keys) {
        return keys.stream().distinct().sorted().toList();
    }

    private static Optional<Bytes> append(TransactionView view, Optional<Bytes> argument) {
        Bytes key = argument.orElse(Bytes.utf8("a"));
        Optional<Bytes> old = view.get(key);
        view.put(key, Optional.of(Bytes.utf8(old.map(Bytes::toUtf8).orElse("") + "x")));
        return old;
    }

    private static Optional<Bytes> count(TransactionView view, Optional<Bytes> argument) {
        int entries =
                view.rangeEntries(argument, true, Optional.empty(), false, -1).size()
                        + (view.exists(Bytes.utf8("b")) ? 100 : 0);
        Bytes result = Bytes.copyOf(new byte[] {(byte) entries});
        view.put(Bytes.utf8("ab"), Optional.of(result));
        return Optional.of(result);
    }

    private static Optional<Bytes> boom(TransactionView view, Optional<Bytes> argument) {
        view.put(argument.orElse(Bytes.utf8("b")), Optional.of(Bytes.EMPTY));
        throw new IllegalArgumentException("boom");
    }

    private static Optional<Bytes> missing(TransactionView view, Optional<Bytes> argument) {
        view.put(argument.orElse(Bytes.utf8("b")), Optional.empty());
        return Optional.of(view.get(Bytes.utf8("abc")).orElseThrow());
    }

    private static Optional<Bytes> refuse(TransactionView view, Optional<Bytes> argument) {
        view.put(Bytes.utf8("a"), Optional.of(Bytes.utf8("r")));
        throw new UpdateFailedException(ResultCode.ASSERTION_FAILED, "refused");
    }
}
