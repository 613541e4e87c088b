package io.rarakoon.connection;

/** The limits of connection-fsm, each with the reason for its value. */
public final class Limits {
    /**
     * Largest delay or timeout a {@link ConnectionPolicy} may configure: one hour. A peer that
     * waits longer than that to retry is as good as gone, and the bound keeps deadline arithmetic
     * ({@code nowMillis + delay}) far from overflow.
     */
    public static final long DELAY_MILLIS_MAX = 3_600_000L;

    /**
     * How many times the backoff doubles at most. {@code DELAY_MILLIS_MAX << 30} still fits in a
     * long, and after 30 doublings any sane minimum has reached the configured maximum.
     */
    public static final int BACKOFF_DOUBLINGS_MAX = 30;

    /**
     * Where the consecutive-failure counter stops counting. Beyond {@link #BACKOFF_DOUBLINGS_MAX}
     * it only feeds statistics; saturating keeps it from wrapping to a negative number.
     */
    public static final int FAILURE_COUNT_MAX = 1 << 20;

    private Limits() {}
}
