package io.rarakoon.sim;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The run's trace: a 64-bit hash of everything that happened (the determinism check compares it
 * between two runs of one seed) and the last {@link #LINES_KEPT_MAX} readable lines, printed when a
 * run fails.
 */
final class Trace {
    /** Lines a failure report shows: enough to see the faults and elections before it. */
    static final int LINES_KEPT_MAX = 300;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long hash = 0xcbf29ce484222325L;

    /** Mixes a number into the hash (cheap; for every task and message). */
    void mix(long value) {
        hash = (hash ^ value) * 0x100000001b3L;
        hash ^= hash >>> 29;
    }

    /** Records a readable line at simulated time {@code nowNanos} and mixes it into the hash. */
    void line(long nowNanos, String text) {
        String stamped = String.format(java.util.Locale.ROOT, "%10.3fms %s", nowNanos / 1e6, text);
        mix(stamped.hashCode());
        if (lines.size() == LINES_KEPT_MAX) {
            lines.removeFirst();
        }
        lines.addLast(stamped);
    }

    long hash() {
        return hash;
    }

    List<String> lastLines() {
        return List.copyOf(lines);
    }
}
