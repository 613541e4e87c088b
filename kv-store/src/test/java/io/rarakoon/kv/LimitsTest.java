package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The module's limits: how the constants relate, and the value limit at and just past its edge for
 * every update kind that carries a value, sequences and user functions included.
 */
class LimitsTest {

    private static final int VALUE_BYTES_MAX = 8;
    private static final Bytes FITS = Bytes.copyOf(new byte[VALUE_BYTES_MAX - 1]);
    private static final Bytes TOO_LARGE = Bytes.copyOf(new byte[VALUE_BYTES_MAX]);
    private static final Bytes KEY = Bytes.utf8("k");
    private static final UpdateResult.Failed VALUE_TOO_LARGE =
            UpdateResult.Failed.of(ResultCode.UNKNOWN_FAILURE, "value too large");

    @Test
    void constantsAreConsistent() {
        assertTrue(Limits.VALUE_BYTES_MAX_DEFAULT <= Limits.FIELD_BYTES_MAX);
        assertEquals(8 * 1024 * 1024, Limits.VALUE_BYTES_MAX_DEFAULT, "Arakoon's max_value_size");
        assertTrue(Limits.MASTER_NAME_BYTES_MAX < Limits.FIELD_BYTES_MAX);
        assertTrue(Limits.LEAF_ENTRIES_MAX >= 4, "LeafMap needs room to split and merge");
        assertTrue(Limits.ASSERT_RANGE_KEYS_SHOWN_MAX > 0);
    }

    @Test
    void rejectsValueLimitsOutsideOneToFieldMax() {
        assertThrows(IllegalArgumentException.class, () -> store(0));
        assertThrows(IllegalArgumentException.class, () -> store(Limits.FIELD_BYTES_MAX + 1));
        store(1);
        store(Limits.FIELD_BYTES_MAX);
    }

    @Test
    void valueJustUnderTheLimitIsStoredAndAtTheLimitFails() {
        KvStore store = store(VALUE_BYTES_MAX);
        List<UpdateResult> results =
                store.apply(0, List.of(new Update.Set(KEY, FITS), new Update.Set(KEY, TOO_LARGE)));
        assertEquals(List.of(UpdateResult.OK, VALUE_TOO_LARGE), results);
        assertEquals(Optional.of(FITS), store.get(KEY));
    }

    @Test
    void everyUpdateCarryingAValueChecksIt() {
        KvStore store = store(VALUE_BYTES_MAX);
        Optional<Bytes> big = Optional.of(TOO_LARGE);
        List<Update> updates =
                List.of(
                        new Update.TestAndSet(KEY, Optional.empty(), big),
                        new Update.Replace(KEY, big),
                        new Update.AdminSet(KEY, big),
                        new Update.SetInterval(TOO_LARGE),
                        new Update.SetRouting(TOO_LARGE),
                        new Update.SetRoutingDelta(TOO_LARGE),
                        new Update.Sequence(
                                List.of(new Update.Set(KEY, FITS), new Update.Set(KEY, TOO_LARGE))),
                        new Update.SyncedSequence(
                                List.of(
                                        new Update.Sequence(
                                                List.of(new Update.Set(KEY, TOO_LARGE))))),
                        new Update.UserFunction("put", Optional.of(TOO_LARGE)));
        List<UpdateResult> results = store.apply(0, updates);
        results.forEach(result -> assertEquals(VALUE_TOO_LARGE, result));
        assertEquals(0, store.keyCount());
        assertEquals(Optional.empty(), store.adminGet(KEY));
        assertEquals(
                List.of(new UpdateResult.OkValue(Optional.empty())),
                store.apply(1, List.of(new Update.UserFunction("put", Optional.of(FITS)))));
    }

    private static KvStore store(int valueBytesMax) {
        return new KvStore(
                valueBytesMax,
                UserFunctionRegistry.of(
                        Map.of(
                                "put",
                                (view, argument) -> {
                                    view.put(KEY, argument);
                                    return Optional.empty();
                                })));
    }
}
