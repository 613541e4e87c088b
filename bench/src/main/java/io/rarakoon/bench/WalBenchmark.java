package io.rarakoon.bench;

import io.rarakoon.wal.Limits;
import io.rarakoon.wal.NioDisk;
import io.rarakoon.wal.Wal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Group commit of the WAL on a real file system: append {@code groupSize} entries of 100 bytes,
 * then one force (fdatasync). A score is groups per second; entries per second = score x group
 * size. Segments use the default size; compression is not run (its executor drops the jobs), so
 * only the append path and the fsync are measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WalBenchmark {

    @Param({"1", "8", "64", "512"})
    public int groupSize;

    private Path directory;
    private Wal wal;
    private byte[] payload;
    private long nextIndex;

    @Setup(Level.Trial)
    public void openLog() throws IOException {
        directory = Files.createTempDirectory("wal-benchmark");
        wal = Wal.open(new NioDisk(directory), Limits.ENTRIES_PER_SEGMENT_DEFAULT, job -> {});
        payload = new byte[100];
        new SplittableRandom(42).nextBytes(payload);
    }

    @TearDown(Level.Trial)
    public void deleteLog() throws IOException {
        wal.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public long appendGroupAndForce() throws IOException {
        for (int i = 0; i < groupSize; i++) {
            wal.append(nextIndex++, payload);
        }
        return wal.force();
    }
}
