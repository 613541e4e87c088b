package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Examples of Arakoon's store semantics, one behaviour per test: the index precondition,
 * independent updates in a batch, atomic sequences (DeletePrefix included), every result shape and
 * error message, user-function error mapping, separate admin namespace, and the range quirks of
 * client protocol §7.2.
 */
class KvStoreTest {

    private final KvStore store =
            new KvStore(
                    Limits.VALUE_BYTES_MAX_DEFAULT,
                    UserFunctionRegistry.of(
                            Map.of(
                                    "echo", (view, argument) -> argument,
                                    "fail",
                                            (view, argument) -> {
                                                view.put(b("written"), Optional.of(b("x")));
                                                throw new IllegalArgumentException("bad argument");
                                            },
                                    "lookup",
                                            (view, argument) ->
                                                    Optional.of(
                                                            view.get(b("absent")).orElseThrow()),
                                    "reject",
                                            (view, argument) -> {
                                                throw new UpdateFailedException(
                                                        ResultCode.NOT_SUPPORTED, "no");
                                            })));

    private long index;

    @Test
    void emptyStoreExpectsIndexZero() {
        assertEquals(0, store.nextIndex());
        assertEquals(OptionalLong.empty(), store.appliedIndex());
        apply(new Update.Nop());
        assertEquals(OptionalLong.of(0), store.appliedIndex());
    }

    @Test
    void rejectsAnIndexOtherThanTheNextOneNamingBoth() {
        apply(new Update.Nop());
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class, () -> store.apply(5, List.of(set("a", "1"))));
        assertTrue(e.getMessage().contains("index 5"), e.getMessage());
        assertTrue(e.getMessage().contains("expects index 1"), e.getMessage());
        assertFalse(store.exists(b("a")));
        assertThrows(IllegalStateException.class, () -> store.apply(0, List.of()));
    }

    @Test
    void rejectsNullUpdateBeforeApplyingAnything() {
        List<Update> batch = java.util.Arrays.asList(set("a", "1"), null);
        assertThrows(NullPointerException.class, () -> store.apply(0, batch));
        assertFalse(store.exists(b("a")));
        assertEquals(0, store.nextIndex());
    }

    @Test
    void failingUpdateDoesNotAffectOthersInTheBatch() {
        List<UpdateResult> results =
                apply(set("a", "1"), new Update.Delete(b("missing")), set("b", "2"));
        assertEquals(
                List.of(
                        UpdateResult.OK,
                        UpdateResult.Failed.of(ResultCode.NOT_FOUND, "missing"),
                        UpdateResult.OK),
                results);
        assertEquals(2, store.keyCount());
    }

    @Test
    void sequenceIsAllOrNothingIncludingDeletePrefix() {
        apply(set("p/1", "a"), set("p/2", "b"), set("q", "c"));
        List<UpdateResult> results =
                apply(
                        new Update.Sequence(
                                List.of(
                                        new Update.DeletePrefix(b("p/")),
                                        set("new", "n"),
                                        new Update.Sequence(
                                                List.of(new Update.Delete(b("p/1")))))));
        assertEquals(List.of(UpdateResult.Failed.of(ResultCode.NOT_FOUND, "p/1")), results);
        assertEquals(List.of(b("p/1"), b("p/2"), b("q")), keys());
    }

    @Test
    void sequenceSeesItsOwnEarlierWrites() {
        List<UpdateResult> results =
                apply(
                        new Update.SyncedSequence(
                                List.of(
                                        set("k", "v"),
                                        new Update.Assert(b("k"), Optional.of(b("v"))),
                                        new Update.AssertExists(b("k")),
                                        new Update.AssertRange(b("k"), List.of(b("k"))))));
        assertEquals(List.of(UpdateResult.OK), results);
        assertEquals(Optional.of(b("v")), store.get(b("k")));
    }

    @Test
    void testAndSetAndReplaceReturnTheOldValue() {
        apply(set("k", "old"));
        List<UpdateResult> results =
                apply(
                        new Update.TestAndSet(b("k"), Optional.of(b("wrong")), Optional.of(b("x"))),
                        new Update.TestAndSet(b("k"), Optional.of(b("old")), Optional.of(b("new"))),
                        new Update.Replace(b("k"), Optional.empty()),
                        new Update.TestAndSet(b("k"), Optional.empty(), Optional.of(b("again"))));
        assertEquals(
                List.of(
                        new UpdateResult.OkValue(Optional.of(b("old"))),
                        new UpdateResult.OkValue(Optional.of(b("old"))),
                        new UpdateResult.OkValue(Optional.of(b("new"))),
                        new UpdateResult.OkValue(Optional.empty())),
                results);
        assertEquals(Optional.of(b("again")), store.get(b("k")));
    }

    @Test
    void deletePrefixCountsDeletedUserKeysOnly() {
        apply(set("a", "1"), set("ab", "2"), set("b", "3"));
        apply(new Update.AdminSet(b("a"), Optional.of(b("admin"))));
        assertEquals(List.of(new UpdateResult.OkCount(2)), apply(new Update.DeletePrefix(b("a"))));
        assertEquals(
                List.of(new UpdateResult.OkCount(1)), apply(new Update.DeletePrefix(Bytes.EMPTY)));
        assertEquals(Optional.of(b("admin")), store.adminGet(b("a")));
        assertEquals(0, store.keyCount());
    }

    @Test
    void assertionsFailWithTheKeyOrADescription() {
        apply(set("k", "v"));
        List<UpdateResult> results =
                apply(
                        new Update.Assert(b("k"), Optional.of(b("other"))),
                        new Update.AssertExists(b("none")),
                        new Update.AssertRange(b("k"), List.of()));
        assertEquals(UpdateResult.Failed.of(ResultCode.ASSERTION_FAILED, "k"), results.get(0));
        assertEquals(UpdateResult.Failed.of(ResultCode.ASSERTION_FAILED, "none"), results.get(1));
        UpdateResult.Failed range = (UpdateResult.Failed) results.get(2);
        assertEquals(ResultCode.ASSERTION_FAILED, range.code());
        assertEquals(
                "Assert_range \"k\" ContainsExactly [] but found [\"k\"]",
                range.message().toUtf8());
    }

    @Test
    void adminKeysMasterAndNurseryKeysAreNotUserKeys() {
        apply(
                new Update.MasterSet("n2"),
                new Update.AdminSet(b("k"), Optional.of(b("admin"))),
                new Update.SetInterval(b("i")),
                new Update.SetRouting(b("r")),
                new Update.SetRoutingDelta(b("d")));
        assertEquals(Optional.of("n2"), store.master());
        assertEquals(Optional.of(b("i")), store.adminGet(b("interval")));
        assertEquals(Optional.of(b("r")), store.adminGet(b("routing")));
        assertEquals(Optional.of(b("d")), store.adminGet(b("routing_delta")));
        assertFalse(store.exists(b("k")));
        assertEquals(0, store.keyCount());
        apply(new Update.AdminSet(b("k"), Optional.empty()));
        assertEquals(Optional.empty(), store.adminGet(b("k")));
    }

    @Test
    void userFunctionResultsAndErrorsMapToArakoonCodes() {
        List<UpdateResult> results =
                apply(
                        new Update.UserFunction("echo", Optional.of(b("hi"))),
                        new Update.UserFunction("fail", Optional.empty()),
                        new Update.UserFunction("lookup", Optional.empty()),
                        new Update.UserFunction("reject", Optional.empty()),
                        new Update.UserFunction("unknown", Optional.empty()));
        assertEquals(new UpdateResult.OkValue(Optional.of(b("hi"))), results.get(0));
        assertEquals(
                UpdateResult.Failed.of(
                        ResultCode.USERFUNCTION_FAILURE,
                        "java.lang.IllegalArgumentException: bad argument"),
                results.get(1));
        assertEquals(UpdateResult.Failed.of(ResultCode.NOT_FOUND, "Not_found"), results.get(2));
        assertEquals(UpdateResult.Failed.of(ResultCode.NOT_SUPPORTED, "no"), results.get(3));
        assertEquals(
                UpdateResult.Failed.of(
                        ResultCode.BAD_INPUT, "User function \"unknown\" could not be found"),
                results.get(4));
        assertFalse(store.exists(b("written")), "a failed function's writes are undone");
    }

    @Test
    void transactionViewIsUnusableAfterItsCall() {
        AtomicReference<TransactionView> leaked = new AtomicReference<>();
        KvStore leaky =
                new KvStore(
                        16,
                        UserFunctionRegistry.of(
                                Map.of(
                                        "leak",
                                        (view, argument) -> {
                                            leaked.set(view);
                                            return Optional.empty();
                                        })));
        leaky.apply(0, List.of(new Update.UserFunction("leak", Optional.empty())));
        assertThrows(IllegalStateException.class, () -> leaked.get().get(b("k")));
    }

    @Test
    void multiGetFailsWithTheFirstMissingKey() throws KeyNotFoundException {
        apply(set("a", "1"), set("c", "3"));
        assertEquals(List.of(b("3"), b("1")), store.multiGet(List.of(b("c"), b("a"))));
        KeyNotFoundException e =
                assertThrows(
                        KeyNotFoundException.class,
                        () -> store.multiGet(List.of(b("a"), b("x"), b("y"))));
        assertEquals(b("x"), e.key());
        assertEquals(
                List.of(Optional.of(b("1")), Optional.empty()),
                store.multiGetOption(List.of(b("a"), b("b"))));
    }

    @Test
    void missingLowerBoundIsTheEmptyKeyWithTheGivenInclusivity() {
        apply(set("", "empty"), set("a", "1"));
        assertEquals(
                List.of(Bytes.EMPTY, b("a")),
                store.range(Optional.empty(), true, Optional.empty(), true, -1));
        assertEquals(
                List.of(b("a")), store.range(Optional.empty(), false, Optional.empty(), true, -1));
        assertEquals(
                List.of(new KeyValue(b("a"), b("1"))),
                store.revRangeEntries(Optional.empty(), true, Optional.empty(), false, -1));
    }

    @Test
    void rangeWithMaxZeroReturnsTheFirstKeyButOtherReadsReturnNothing() {
        apply(set("a", "1"), set("b", "2"));
        assertEquals(
                List.of(b("a")), store.range(Optional.empty(), true, Optional.empty(), true, 0));
        assertEquals(
                List.of(), store.rangeEntries(Optional.empty(), true, Optional.empty(), true, 0));
        assertEquals(
                List.of(),
                store.revRangeEntries(Optional.empty(), true, Optional.empty(), true, 0));
        assertEquals(List.of(), store.prefixKeys(Bytes.EMPTY, 0));
    }

    @Test
    void reverseRangeStartsAtTheHighBound() {
        apply(set("a", "1"), set("b", "2"), set("c", "3"), set("d", "4"));
        assertEquals(
                List.of(new KeyValue(b("c"), b("3")), new KeyValue(b("b"), b("2"))),
                store.revRangeEntries(Optional.of(b("c")), true, Optional.of(b("a")), false, -1));
        assertEquals(
                List.of(new KeyValue(b("b"), b("2"))),
                store.revRangeEntries(Optional.of(b("c")), false, Optional.empty(), true, 1));
    }

    @Test
    void keysOrderUnsigned() {
        apply(set("\u007f", "1"), new Update.Set(Bytes.copyOf(new byte[] {(byte) 0xff}), b("2")));
        assertEquals(
                List.of(b("\u007f"), Bytes.copyOf(new byte[] {(byte) 0xff})),
                store.prefixKeys(Bytes.EMPTY, -1));
    }

    private List<UpdateResult> apply(Update... updates) {
        return store.apply(index++, List.of(updates));
    }

    private List<Bytes> keys() {
        return store.range(Optional.empty(), true, Optional.empty(), true, -1);
    }

    @Test
    void aBulkLoadLastsFromItsStartToItsFinishAndReadsSeeItsWrites() {
        assertFalse(store.isBulkLoading());
        store.startBulkLoad();
        assertTrue(store.isBulkLoading());
        apply(set("b", "2"), set("a", "1"));
        assertEquals(Optional.of(b("1")), store.get(b("a")));
        store.finishBulkLoad();
        assertFalse(store.isBulkLoading());
        assertEquals(
                List.of(b("a"), b("b")),
                store.range(Optional.empty(), true, Optional.empty(), true, -1));
    }

    private static Update set(String key, String value) {
        return new Update.Set(b(key), b(value));
    }

    private static Bytes b(String text) {
        return Bytes.utf8(text);
    }
}
