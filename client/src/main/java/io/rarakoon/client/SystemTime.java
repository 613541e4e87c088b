package io.rarakoon.client;

/** The JDK's monotonic clock and sleep: the only place the client reads real time. */
@SuppressForbidden
final class SystemTime implements Time {
    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
