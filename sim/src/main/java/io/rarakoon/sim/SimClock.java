package io.rarakoon.sim;

import io.rarakoon.node.Clock;

/**
 * A node's clock: the world's time scaled by a rate error of {@code driftPpm} parts per million and
 * shifted by an offset. Within the configured bound the drift is at most {@code
 * paxos.Limits.CLOCK_RATE_DRIFT_PERMILLE_MAX}; clock plants go beyond it.
 */
final class SimClock implements Clock {
    /** Wall time of simulated time zero (2023-11-14): any fixed instant does. */
    private static final long WALL_EPOCH_MILLIS = 1_700_000_000_000L;

    /** Fastest rate error: 3x real time, which keeps now * drift inside a long for 1,500 s. */
    static final long DRIFT_PPM_MAX = 2_000_000;

    private final World world;
    private final long offsetNanos;
    private final long driftPpm;

    SimClock(World world, long offsetNanos, long driftPpm) {
        if (driftPpm <= -1_000_000 || driftPpm > DRIFT_PPM_MAX) {
            throw new IllegalArgumentException(
                    "driftPpm " + driftPpm + " outside -999999.." + DRIFT_PPM_MAX);
        }
        this.world = world;
        this.offsetNanos = offsetNanos;
        this.driftPpm = driftPpm;
    }

    @Override
    public long monotonicNanos() {
        long now = world.nowNanos();
        return offsetNanos + now + Math.floorDiv(now * driftPpm, 1_000_000);
    }

    @Override
    public long wallMillis() {
        return WALL_EPOCH_MILLIS + monotonicNanos() / 1_000_000;
    }

    /** World nanoseconds in which this clock advances {@code localNanos}. */
    long worldNanos(long localNanos) {
        return localNanos * 1_000_000 / (1_000_000 + driftPpm);
    }
}
