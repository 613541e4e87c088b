package io.rarakoon.bin;

import io.rarakoon.sim.Plant;
import io.rarakoon.sim.Simulation;
import io.rarakoon.sim.SimulationOptions;
import io.rarakoon.sim.SimulationResult;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rarakoon simulate}: runs the deterministic simulator (docs/simulation.md) for one seed or
 * a range of seeds, one summary line per seed, a final {@code N passed, N failed}, and for each
 * failure what failed, the end of its trace and a one-line reproducer. Node logging is off unless
 * {@code -Drarakoon.log.level=...} is given: the simulated nodes fail on purpose.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run the deterministic cluster simulator (docs/simulation.md).",
        footer = {"", "Exit codes: 0 every seed passed, 1 a seed failed, 2 bad command line."})
final class SimulateCommand implements Callable<Integer> {
    /** Trace lines printed after a failure: the faults and elections that led to it. */
    private static final int TRACE_LINES_SHOWN = 60;

    /** The system property bin's logback.xml takes its root level from. */
    private static final String LOG_LEVEL_PROPERTY = "rarakoon.log.level";

    @Spec private CommandSpec spec;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Run this one seed (0x.. or decimal).")
    private Optional<String> seed;

    @Option(names = "--seeds", paramLabel = "N", description = "Run N seeds (default 1).")
    private int seeds = 1;

    @Option(
            names = "--first-seed",
            paramLabel = "S",
            description = "The first of the --seeds (default 0).")
    private String firstSeed = "0";

    @Option(
            names = "--nodes",
            paramLabel = "K",
            description = "Cluster size 1, 3 or 5 (default: the seed chooses).")
    private int nodes;

    @Option(
            names = "--ops",
            paramLabel = "N",
            description = "Client operations per seed (default 1000).")
    private int ops = SimulationOptions.OPS_DEFAULT;

    @Option(names = "--long", description = "Run seeds one after another until stopped.")
    private boolean longMode;

    @Override
    public Integer call() {
        // Before the first logger exists: logback.xml reads its root level from this property.
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(LOG_LEVEL_PROPERTY, "OFF");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long first;
        try {
            first = Long.decode(seed.orElse(firstSeed));
            new SimulationOptions(first, nodes, ops, Plant.NONE);
        } catch (IllegalArgumentException e) {
            err.println("bad option: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (seeds < 1) {
            err.println("--seeds " + seeds + " must be at least 1");
            return ExitCodes.USAGE;
        }
        long count = seed.isPresent() ? 1 : longMode ? Long.MAX_VALUE : seeds;
        long passed = 0;
        long failed = 0;
        long clientOps = 0;
        for (long i = 0; i < count; i++) {
            SimulationOptions options = new SimulationOptions(first + i, nodes, ops, Plant.NONE);
            SimulationResult result = Simulation.run(options);
            out.println(result.summary());
            clientOps += result.clientOps();
            if (result.passed()) {
                passed++;
            } else {
                failed++;
                report(out, result);
            }
            out.flush();
        }
        out.println(
                passed + " passed, " + failed + " failed (" + clientOps + " client operations)");
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void report(PrintWriter out, SimulationResult result) {
        out.println("FAILURE: " + result.failure().orElseThrow());
        int size = result.lastTraceLines().size();
        result.lastTraceLines().stream()
                .skip(Math.max(0, size - TRACE_LINES_SHOWN))
                .forEach(line -> out.println("  " + line));
        out.println("REPRODUCE: " + result.options().reproducer());
    }
}
