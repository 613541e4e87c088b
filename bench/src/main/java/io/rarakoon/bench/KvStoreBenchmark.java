package io.rarakoon.bench;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.KeyValue;
import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Limits;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UpdateResult;
import io.rarakoon.kv.UserFunctionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * kv-store operations on a store of {@code entries} random 16-byte keys with 100-byte values:
 * overwrite one key (a one-update Paxos value), get one key, read 100 entries from a key. Keys are
 * visited in random order, so every call misses the CPU caches as a node would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KvStoreBenchmark {

    static final int KEY_BYTES = 16;
    static final int VALUE_BYTES = 100;

    /** Sets per Paxos value while filling the store. */
    private static final int FILL_BATCH_UPDATES = 1000;

    @Param({"1000000"})
    public int entries;

    private KvStore store;
    private Bytes[] keys;
    private Bytes value;
    private int cursor;

    @Setup
    public void fill() {
        SplittableRandom random = new SplittableRandom(42);
        store = new KvStore(Limits.VALUE_BYTES_MAX_DEFAULT, UserFunctionRegistry.empty());
        keys = new Bytes[entries];
        byte[] valueBytes = new byte[VALUE_BYTES];
        random.nextBytes(valueBytes);
        value = Bytes.copyOf(valueBytes);
        List<Update> batch = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            byte[] key = new byte[KEY_BYTES];
            random.nextBytes(key);
            keys[i] = Bytes.copyOf(key);
            batch.add(new Update.Set(keys[i], Bytes.copyOf(valueBytes)));
            if (batch.size() == FILL_BATCH_UPDATES || i == entries - 1) {
                store.apply(store.nextIndex(), batch);
                batch.clear();
            }
        }
    }

    private Bytes nextKey() {
        cursor = cursor + 1 == keys.length ? 0 : cursor + 1;
        return keys[cursor];
    }

    @Benchmark
    public List<UpdateResult> set() {
        return store.apply(store.nextIndex(), List.of(new Update.Set(nextKey(), value)));
    }

    @Benchmark
    public Optional<Bytes> get() {
        return store.get(nextKey());
    }

    @Benchmark
    public List<KeyValue> range100() {
        return store.rangeEntries(Optional.of(nextKey()), true, Optional.empty(), false, 100);
    }
}
