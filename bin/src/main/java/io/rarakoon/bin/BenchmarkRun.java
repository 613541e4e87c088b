package io.rarakoon.bin;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ArakoonException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Runs a closed-loop benchmark: one thread per client, each sending its next operation when the
 * previous one was answered, until {@code operationsMax} operations were taken or the duration ran
 * out. Latencies of answered operations go into per-thread HdrHistograms (nanoseconds, three
 * significant digits); failed operations are counted, not timed. The calling thread prints a
 * progress line to {@code progress} every second and returns the merged result when every client
 * thread ended.
 */
@SuppressForbidden // the latency clock: System.nanoTime()
final class BenchmarkRun {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** What a finished run measured. */
    record Result(long operations, long errors, long elapsedNanos, Histogram latencyNanos) {
        double operationsPerSecond() {
            return elapsedNanos == 0 ? 0 : operations * (double) NANOS_PER_SECOND / elapsedNanos;
        }

        long micros(double percentile) {
            return latencyNanos.getValueAtPercentile(percentile) / 1000;
        }

        long maxMicros() {
            return latencyNanos.getMaxValue() / 1000;
        }
    }

    private final BenchmarkWorkload workload;
    private final long operationsMax;
    private final long durationNanos;
    private final long seed;
    private final AtomicLong tickets = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private long startNanos;

    /**
     * @param operationsMax operations over all clients; the run ends when all were taken
     * @param durationSeconds when positive, the run ends after this long instead
     * @param seed the first client's random seed; client i uses {@code seed + i}
     */
    BenchmarkRun(BenchmarkWorkload workload, long operationsMax, long durationSeconds, long seed) {
        this.workload = workload;
        this.operationsMax = durationSeconds > 0 ? Long.MAX_VALUE : operationsMax;
        this.durationNanos = durationSeconds > 0 ? durationSeconds * NANOS_PER_SECOND : 0;
        this.seed = seed;
    }

    /**
     * Runs the operations over {@code clients}, one thread each, and returns when all threads
     * ended.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    Result run(List<ArakoonClient> clients, PrintWriter progress) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(clients.size());
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        startNanos = System.nanoTime();
        for (int i = 0; i < clients.size(); i++) {
            Histogram histogram = new Histogram(3);
            histograms.add(histogram);
            ArakoonClient client = clients.get(i);
            SplittableRandom random = new SplittableRandom(seed + i);
            Thread thread =
                    new Thread(
                            () -> {
                                try {
                                    loop(client, random, histogram);
                                } finally {
                                    done.countDown();
                                }
                            },
                            "benchmark-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long lastCount = 0;
        while (!done.await(1, TimeUnit.SECONDS)) {
            long count = completed.sum();
            printProgress(progress, count, count - lastCount);
            lastCount = count;
        }
        long elapsed = System.nanoTime() - startNanos;
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram merged = new Histogram(3);
        histograms.forEach(merged::add);
        return new Result(completed.sum(), errors.sum(), elapsed, merged);
    }

    private void loop(ArakoonClient client, SplittableRandom random, Histogram histogram) {
        long endNanos = startNanos + durationNanos;
        while (durationNanos == 0 || System.nanoTime() < endNanos) {
            long operation = tickets.getAndIncrement();
            if (operation >= operationsMax) {
                return;
            }
            long begin = System.nanoTime();
            try {
                workload.run(client, operation, random);
                histogram.recordValue(System.nanoTime() - begin);
                completed.increment();
            } catch (ArakoonException e) {
                errors.increment();
            }
        }
    }

    private void printProgress(PrintWriter progress, long count, long lastSecond) {
        long seconds = (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
        progress.println(
                String.format(
                        Locale.ROOT,
                        "%4ds  %,d ops  %,d ops/s  %,d errors",
                        seconds,
                        count,
                        lastSecond,
                        errors.sum()));
        progress.flush();
    }
}
