package io.rarakoon.connection;

/**
 * The immutable state of one outgoing connection.
 *
 * @param phase where the connection stands
 * @param failureCount consecutive failed attempts since the last completed handshake, saturating at
 *     {@link Limits#FAILURE_COUNT_MAX}
 * @param deadlineMillis in {@code CONNECTING} and {@code HANDSHAKING} the instant the attempt times
 *     out, in {@code BACKING_OFF} the instant the next attempt starts; 0 in other phases
 */
public record ConnectionState(ConnectionPhase phase, int failureCount, long deadlineMillis) {
    /** The state of a connection that was never started. */
    public static final ConnectionState IDLE = new ConnectionState(ConnectionPhase.IDLE, 0, 0);

    /**
     * Checks the invariants.
     *
     * @throws IllegalArgumentException if failureCount is outside [0, FAILURE_COUNT_MAX], or a
     *     phase without a deadline carries one
     */
    public ConnectionState {
        if (phase == null) {
            throw new NullPointerException("phase");
        }
        if (failureCount < 0 || failureCount > Limits.FAILURE_COUNT_MAX) {
            throw new IllegalArgumentException(
                    "failureCount "
                            + failureCount
                            + " outside [0, FAILURE_COUNT_MAX "
                            + Limits.FAILURE_COUNT_MAX
                            + "]");
        }
        if (!hasDeadline(phase) && deadlineMillis != 0) {
            throw new IllegalArgumentException(
                    "deadlineMillis " + deadlineMillis + " set in phase " + phase);
        }
    }

    /** True in the phases whose {@link #deadlineMillis} means something. */
    public boolean hasDeadline() {
        return hasDeadline(phase);
    }

    private static boolean hasDeadline(ConnectionPhase phase) {
        return phase == ConnectionPhase.CONNECTING
                || phase == ConnectionPhase.HANDSHAKING
                || phase == ConnectionPhase.BACKING_OFF;
    }
}
