package io.rarakoon.sim;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one simulation run.
 *
 * @param options what was run
 * @param summary one line: pass or fail, the knobs the seed chose, and counts
 * @param failure empty if the run passed; else what failed
 * @param traceHash the hash of the run's trace: equal for two runs of the same options
 * @param lastTraceLines the last lines of the trace, for a failure report
 * @param clientOps client operations that finished
 * @param simulatedNanos simulated time the run covered
 */
public record SimulationResult(
        SimulationOptions options,
        String summary,
        Optional<String> failure,
        long traceHash,
        List<String> lastTraceLines,
        long clientOps,
        long simulatedNanos) {

    /** Copies the list. */
    public SimulationResult {
        lastTraceLines = List.copyOf(lastTraceLines);
    }

    /** True if no check failed. */
    public boolean passed() {
        return failure.isEmpty();
    }
}
