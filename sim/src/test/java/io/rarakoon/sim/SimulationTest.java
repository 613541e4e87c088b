package io.rarakoon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CI run of the simulator: the regression seeds of {@code regression-seeds.txt}, then {@value
 * #FRESH_SEEDS_DEFAULT} seeds (skipping those of {@code known-failures.txt}: product bugs the
 * simulator found that are not fixed yet, each described there and in docs/simulation.md) of
 * {@value SimulationOptions#OPS_DEFAULT} client operations each (property {@code sim.seeds} changes
 * the count, {@code sim.firstSeed} the first one; {@code sim.seed} runs one seed alone), and
 * {@value #DETERMINISM_SEEDS} seeds twice, whose trace hashes must match. Every failing seed is
 * printed with what failed, the end of its trace and its one-line reproducer; the test fails after
 * all seeds ran.
 */
class SimulationTest {
    /**
     * Fresh seeds per CI run: what fits the test budget on two loaded cores (docs/simulation.md).
     */
    private static final int FRESH_SEEDS_DEFAULT = 200;

    /** Seeds 0 to 3: two carry peer traffic as messages, two on streams (one with resets). */
    private static final int DETERMINISM_SEEDS = 4;

    /**
     * Seeds run side by side: each run is confined to its thread and shares nothing, so two threads
     * use both CI cores without changing any run.
     */
    private static final int THREADS = 2;

    /** A generous bound on one seed's wall time, so a hung run fails instead of stalling CI. */
    private static final long RUN_MINUTES_MAX = 30;

    @Test
    void everySeedKeepsEveryInvariant() throws Exception {
        String single = System.getProperty("sim.seed", "");
        List<Long> seeds = new ArrayList<>();
        if (!single.isEmpty()) {
            seeds.add(Long.decode(single));
        } else {
            seeds.addAll(seedList("/regression-seeds.txt"));
            String count = System.getProperty("sim.seeds", "");
            int fresh = count.isEmpty() ? FRESH_SEEDS_DEFAULT : Integer.parseInt(count);
            long first = Long.decode(System.getProperty("sim.firstSeed", "0x5eed0000"));
            List<Long> known = seedList("/known-failures.txt");
            int added = 0;
            for (long seed = first; added < fresh; seed++) {
                if (!known.contains(seed)) {
                    seeds.add(seed);
                    added++;
                }
            }
        }
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<SimulationResult>> runs = new ArrayList<>();
            for (long seed : seeds) {
                runs.add(pool.submit(() -> Simulation.run(SimulationOptions.ofSeed(seed))));
            }
            for (Future<SimulationResult> run : runs) {
                SimulationResult result = run.get(RUN_MINUTES_MAX, TimeUnit.MINUTES);
                System.out.println(result.summary());
                if (!result.passed()) {
                    failures.add(report(result));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!failures.isEmpty()) {
            failures.forEach(System.out::println);
            fail(
                    failures.size()
                            + " of "
                            + seeds.size()
                            + " seeds failed:\n"
                            + String.join("\n", failures));
        }
    }

    @Test
    void sameSeedGivesSameTrace() {
        for (long seed = 0; seed < DETERMINISM_SEEDS; seed++) {
            SimulationOptions options = new SimulationOptions(seed, 0, 300, Plant.NONE);
            long first = Simulation.run(options).traceHash();
            long second = Simulation.run(options).traceHash();
            assertEquals(first, second, "trace hash of seed " + seed + " differs between runs");
        }
    }

    static String report(SimulationResult result) {
        StringBuilder text = new StringBuilder();
        text.append("FAILED ").append(result.summary()).append('\n');
        text.append("  ").append(result.failure().orElseThrow()).append('\n');
        List<String> lines = result.lastTraceLines();
        for (String line : lines.subList(Math.max(0, lines.size() - 30), lines.size())) {
            text.append("    ").append(line).append('\n');
        }
        text.append("REPRODUCE: ").append(result.options().reproducer());
        return text.toString();
    }

    private static List<Long> seedList(String resource) throws IOException {
        List<Long> seeds = new ArrayList<>();
        try (InputStream in = SimulationTest.class.getResourceAsStream(resource);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    seeds.add(Long.decode(trimmed));
                }
            }
        }
        return seeds;
    }
}
