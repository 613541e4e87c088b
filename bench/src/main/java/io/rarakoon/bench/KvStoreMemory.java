package io.rarakoon.bench;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Limits;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Measures the heap a kv-store needs per entry: fills a store with N random 16-byte keys and
 * 100-byte values and compares the used heap after a full GC before and after. Not a JMH benchmark;
 * run it by hand (docs/kv-store.md):
 *
 * <pre>java -Xmx4g -cp bench/target/benchmarks.jar io.rarakoon.bench.KvStoreMemory 1000000 random
 * </pre>
 *
 * <p>Modes: {@code random} (keys in random order), {@code ascending} (sorted, as a restore loads),
 * {@code treemap} (a plain {@code TreeMap<Bytes, Bytes>} for comparison).
 */
public final class KvStoreMemory {

    private KvStoreMemory() {}

    /** Arguments: entry count (default 1000000) and mode (default random); prints the figure. */
    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String mode = args.length > 1 ? args[1] : "random";
        long before = usedHeapAfterGc();
        Object map = "treemap".equals(mode) ? fillTreeMap(entries) : fillStore(entries, mode);
        long after = usedHeapAfterGc();
        double perEntry = (double) (after - before) / entries;
        int payload = KvStoreBenchmark.KEY_BYTES + KvStoreBenchmark.VALUE_BYTES;
        System.out.printf(
                Locale.ROOT,
                "mode=%s entries=%d heap=%d bytes, %.1f bytes/entry, overhead %.1f bytes/entry"
                        + " beyond %d bytes of key and value%n",
                mode,
                entries,
                after - before,
                perEntry,
                perEntry - payload,
                payload);
        // Keeps the map reachable until after the measurement.
        System.out.println(map.getClass().getSimpleName() + " " + map.hashCode() % 2);
    }

    private static KvStore fillStore(int entries, String mode) {
        KvStore store = new KvStore(Limits.VALUE_BYTES_MAX_DEFAULT, UserFunctionRegistry.empty());
        List<byte[]> keys = keys(entries, "ascending".equals(mode));
        byte[] value = new byte[KvStoreBenchmark.VALUE_BYTES];
        List<Update> batch = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            batch.add(new Update.Set(Bytes.copyOf(keys.get(i)), Bytes.copyOf(value)));
            keys.set(i, null);
            if (batch.size() == 1000 || i == entries - 1) {
                store.apply(store.nextIndex(), batch);
                batch.clear();
            }
        }
        return store;
    }

    private static TreeMap<Bytes, Bytes> fillTreeMap(int entries) {
        TreeMap<Bytes, Bytes> map = new TreeMap<>();
        List<byte[]> keys = keys(entries, false);
        byte[] value = new byte[KvStoreBenchmark.VALUE_BYTES];
        for (int i = 0; i < entries; i++) {
            map.put(Bytes.copyOf(keys.get(i)), Bytes.copyOf(value));
            keys.set(i, null);
        }
        return map;
    }

    /** Distinct random keys (collisions of 16 random bytes are negligible), optionally sorted. */
    private static List<byte[]> keys(int entries, boolean ascending) {
        SplittableRandom random = new SplittableRandom(42);
        List<byte[]> keys = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            byte[] key = new byte[KvStoreBenchmark.KEY_BYTES];
            random.nextBytes(key);
            keys.add(key);
        }
        if (ascending) {
            keys.sort(java.util.Arrays::compareUnsigned);
        }
        return keys;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
