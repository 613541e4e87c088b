package io.rarakoon.client;

/** The client's time source for deadlines and backoff pauses; tests inject a fake. */
interface Time {
    /** Returns a monotonic time in nanoseconds (only differences are meaningful). */
    long monotonicNanos();

    /** Pauses the calling thread for {@code millis} milliseconds. */
    void pause(long millis) throws InterruptedException;
}
