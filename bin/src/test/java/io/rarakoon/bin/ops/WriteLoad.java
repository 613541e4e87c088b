package io.rarakoon.bin.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ArakoonException;
import io.rarakoon.client.protocol.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent writers against a {@link ProcessCluster}: each writer has its own client and its own
 * keys ({@code prefix/w/i}), written once, in order. Every write ends up acknowledged (with its
 * latency) or of unknown outcome (the client gave up or the server answered an error), so a test
 * can check the stores against what the writers were told. Stops after {@code keysPerWriter} keys
 * each, or earlier on {@link #stop()}.
 */
public final class WriteLoad implements AutoCloseable {
    private final Map<String, String> acknowledged = new ConcurrentSkipListMap<>();
    private final Map<String, String> unknown = new ConcurrentSkipListMap<>();
    private final List<String> errors = new ArrayList<>();
    private final AtomicInteger acknowledgedCount = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final long[][] latencyNanos;
    private final int[] written;
    private final ExecutorService pool;
    private final List<Future<?>> done = new ArrayList<>();
    private final ProcessCluster cluster;

    private final String padding;

    private WriteLoad(ProcessCluster cluster, int writers, int keysPerWriter, int paddingBytes) {
        this.cluster = cluster;
        this.padding = "x".repeat(paddingBytes);
        this.latencyNanos = new long[writers][keysPerWriter];
        this.written = new int[writers];
        this.pool = Executors.newFixedThreadPool(writers);
    }

    /** Starts {@code writers} writers of {@code keysPerWriter} keys each under {@code prefix}. */
    public static WriteLoad start(
            ProcessCluster cluster, String prefix, int writers, int keysPerWriter) {
        return start(cluster, prefix, writers, keysPerWriter, 0);
    }

    /**
     * As {@link #start(ProcessCluster, String, int, int)}, each value {@code paddingBytes} longer.
     */
    public static WriteLoad start(
            ProcessCluster cluster,
            String prefix,
            int writers,
            int keysPerWriter,
            int paddingBytes) {
        WriteLoad load = new WriteLoad(cluster, writers, keysPerWriter, paddingBytes);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            load.done.add(load.pool.submit(() -> load.write(prefix, writer, keysPerWriter)));
        }
        return load;
    }

    /**
     * Writes {@code count} keys under {@code prefix} with four writers; all must be acknowledged.
     */
    public static SortedMap<String, String> fill(ProcessCluster cluster, String prefix, int count) {
        int writers = 4;
        try (WriteLoad load = start(cluster, prefix, writers, (count + writers - 1) / writers)) {
            load.finish();
            assertEquals(Map.of(), load.unknown, "writes of unknown outcome");
            return new TreeMap<>(load.acknowledged);
        }
    }

    private void write(String prefix, int writer, int keys) {
        try (ArakoonClient client = cluster.client()) {
            for (int i = 0; i < keys && !stopping.get(); i++) {
                String key = String.format(Locale.ROOT, "%s/%d/%07d", prefix, writer, i);
                String value = "value " + writer + " " + i + padding;
                long startNanos = System.nanoTime();
                try {
                    client.set(ByteString.utf8(key), ByteString.utf8(value));
                    latencyNanos[writer][written[writer]++] = System.nanoTime() - startNanos;
                    acknowledged.put(key, value);
                    acknowledgedCount.incrementAndGet();
                } catch (ArakoonException e) {
                    unknown.put(key, value);
                    synchronized (errors) {
                        errors.add(key + ": " + e);
                    }
                }
            }
        }
    }

    /** Waits (bounded) until at least {@code count} writes are acknowledged. */
    public void awaitAcknowledged(int count) {
        cluster.awaitTrue(count + " acknowledged writes", () -> acknowledgedCount.get() >= count);
    }

    /** The number of writes acknowledged so far. */
    public int acknowledgedCount() {
        return acknowledgedCount.get();
    }

    /** Asks the writers to stop after their current write. */
    public void stop() {
        stopping.set(true);
    }

    /** Waits (bounded) for every writer to end. */
    public void finish() {
        for (Future<?> writer : done) {
            try {
                writer.get(4 * ProcessCluster.WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                fail("a writer failed or hung", e);
            }
        }
    }

    /** Keys acknowledged, with their values. */
    public Map<String, String> acknowledged() {
        return acknowledged;
    }

    /** Keys whose write has an unknown outcome, with their values. */
    public Map<String, String> unknown() {
        return unknown;
    }

    /** The errors of the writes of unknown outcome, for assertion messages. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** The acknowledged writes' latencies in nanoseconds, sorted; call after {@link #finish()}. */
    public long[] sortedLatencyNanos() {
        List<long[]> parts = new ArrayList<>();
        for (int w = 0; w < written.length; w++) {
            parts.add(Arrays.copyOf(latencyNanos[w], written[w]));
        }
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return all;
    }

    /**
     * Checks a store read after the load against the ledger: every acknowledged write is there with
     * its value, every write of unknown outcome is there with its value or absent, and no other key
     * under the load's writers exists.
     */
    public void checkStore(SortedMap<String, String> stored, String prefix) {
        acknowledged.forEach((k, v) -> assertEquals(v, stored.get(k), "acknowledged " + k));
        unknown.forEach(
                (k, v) ->
                        assertTrue(
                                stored.get(k) == null || stored.get(k).equals(v),
                                "unknown-outcome " + k + " holds " + stored.get(k)));
        stored.keySet().stream()
                .filter(k -> k.startsWith(prefix + "/"))
                .forEach(
                        k ->
                                assertTrue(
                                        acknowledged.containsKey(k) || unknown.containsKey(k),
                                        "never written: " + k));
    }

    /** Stops the writers and ends the pool. */
    @Override
    public void close() {
        stop();
        pool.shutdownNow();
    }
}
