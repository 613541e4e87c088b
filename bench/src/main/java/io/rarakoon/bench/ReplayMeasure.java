package io.rarakoon.bench;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.node.NodeStorage;
import io.rarakoon.node.StorageOptions;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.wal.Limits;
import io.rarakoon.wal.NioDisk;
import io.rarakoon.wal.Wal;
import io.rarakoon.wire.WireCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures how fast a node replays its log at start-up: writes a log of the given size (values of
 * {@link #UPDATES_PER_VALUE} sets of 16-byte keys, random or ascending, and random 100-byte values,
 * as a busy master batches them; completed segments compressed in the background as in production),
 * waits for the compression to finish, then times {@link NodeStorage#open}, which rebuilds the
 * store from the log. Not a JMH benchmark; run it by hand (docs/performance.md):
 *
 * <pre>java -Xmx8g -cp bench/target/benchmarks.jar io.rarakoon.bench.ReplayMeasure 1024 [ascending]
 * </pre>
 *
 * <p>The log's files are still in the page cache when the replay starts, so the figure is the
 * replay's CPU cost, not the disk's read speed.
 */
public final class ReplayMeasure {
    /** Client updates per logged value. */
    static final int UPDATES_PER_VALUE = 32;

    private static final int KEY_BYTES = 16;

    /** Entries appended between two forces while the log is written. */
    private static final int ENTRIES_PER_FORCE = 256;

    private ReplayMeasure() {}

    /**
     * Arguments: the log size in MiB (default 100), then {@code ascending} for keys written in
     * order (default: random keys); prints the figures.
     */
    public static void main(String[] args) throws Exception {
        long logBytesMin = (args.length > 0 ? Long.parseLong(args[0]) : 100) << 20;
        boolean ascending = args.length > 1 && args[1].equals("ascending");
        if (args.length > 2 || (args.length > 1 && !ascending)) {
            System.err.println("usage: ReplayMeasure [MiB] [ascending]");
            System.exit(2);
        }
        Path directory = Files.createTempDirectory("replay-measure");
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            long[] written = writeLog(directory, logBytesMin, ascending, background);
            // A restarting node's compressor is not running: let the writer's finish first, so
            // that it does not share the cores with the replay being timed.
            background.shutdown();
            background.awaitTermination(1, TimeUnit.HOURS);
            long start = System.nanoTime();
            StorageOptions options =
                    new StorageOptions(
                            Limits.ENTRIES_PER_SEGMENT_DEFAULT,
                            8 << 20,
                            io.rarakoon.node.Limits.CLIENT_KEY_BYTES_MAX,
                            UserFunctionRegistry.empty(),
                            false);
            long keys;
            try (NodeStorage storage = NodeStorage.open(new NioDisk(directory), options, r -> {})) {
                keys = storage.store().keyCount();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "log %.1f MiB, %d entries, %d %s keys: replay %.2f s = %.1f MB/s,"
                            + " %.0f entries/s, %.0f updates/s (%d MiB on disk after compression)%n",
                    written[0] / 1048576.0,
                    written[1],
                    keys,
                    ascending ? "ascending" : "random",
                    seconds,
                    written[0] / 1e6 / seconds,
                    written[1] / seconds,
                    written[1] * UPDATES_PER_VALUE / seconds,
                    diskBytes(directory) >> 20);
        } finally {
            background.shutdownNow();
            deleteTree(directory);
        }
    }

    /** Returns the payload bytes and the entries written. */
    private static long[] writeLog(
            Path directory, long logBytesMin, boolean ascending, ExecutorService background)
            throws IOException {
        WireCodec codec = new WireCodec();
        SplittableRandom random = new SplittableRandom(42);
        long bytes = 0;
        long index = 0;
        long keyNumber = 0;
        try (Wal wal =
                Wal.open(new NioDisk(directory), Limits.ENTRIES_PER_SEGMENT_DEFAULT, background)) {
            while (bytes < logBytesMin) {
                List<ByteString> updates = new ArrayList<>(UPDATES_PER_VALUE);
                for (int i = 0; i < UPDATES_PER_VALUE; i++) {
                    Bytes key =
                            ascending ? ascendingKey(keyNumber++) : randomBytes(random, KEY_BYTES);
                    Update set = new Update.Set(key, randomBytes(random, 100));
                    updates.add(ByteString.copyOf(codec.encode(set)));
                }
                byte[] payload =
                        codec.encode(new LogEntry(1, index, new ClientValue(updates, false)));
                wal.append(index++, payload);
                bytes += payload.length;
                if (index % ENTRIES_PER_FORCE == 0) {
                    wal.force();
                }
            }
            wal.force();
        }
        return new long[] {bytes, index};
    }

    /** Key n: n as a big-endian number in {@link #KEY_BYTES} bytes, so that keys ascend. */
    private static Bytes ascendingKey(long n) {
        return Bytes.copyOf(
                ByteBuffer.allocate(KEY_BYTES).putLong(KEY_BYTES - Long.BYTES, n).array());
    }

    private static Bytes randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Bytes.copyOf(bytes);
    }

    private static long diskBytes(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
