package io.rarakoon.client;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when the client pauses, so backoff costs no real time in tests. */
final class FakeTime implements Time {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong pausedMillis = new AtomicLong();

    @Override
    public long monotonicNanos() {
        return nanos.get();
    }

    @Override
    public void pause(long millis) {
        pausedMillis.addAndGet(millis);
        nanos.addAndGet(millis * 1_000_000);
    }

    long pausedMillis() {
        return pausedMillis.get();
    }
}
