package io.rarakoon.node;

/**
 * The production {@link Clock}: {@link System#nanoTime()} and {@link System#currentTimeMillis()}.
 */
@SuppressForbidden
public final class SystemClock implements Clock {

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public long wallMillis() {
        return System.currentTimeMillis();
    }
}
