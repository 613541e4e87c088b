package io.rarakoon.connection;

/**
 * The pure state machine of one outgoing peer connection: idle → connecting → handshaking →
 * connected, and on any failure or missed deadline → backing off → connecting again. It reads no
 * clock and holds no random generator: the caller hands in {@code nowMillis} and a fresh {@code
 * entropy} value per step, so the simulator replays it exactly from a seed.
 *
 * <p>Backoff: after the n-th consecutive failure the ceiling is {@code reconnectDelayMillisMin ·
 * 2^(n−1)}, capped at {@code reconnectDelayMillisMax}; the delay is drawn from [ceiling/2, ceiling]
 * ("equal jitter"), so peers that failed together do not retry in lockstep, and a completed
 * handshake resets n to 0. Events that make no sense in a phase (a late {@code TRANSPORT_CONNECTED}
 * while backing off) leave the state unchanged: the owner filters stale streams, and the machine
 * stays total.
 */
public final class ConnectionFsm {
    private ConnectionFsm() {}

    /**
     * Computes the next state and action. Pure: equal arguments give an equal result. Any thread.
     *
     * @param policy timing of the connection
     * @param state the current state
     * @param event what happened
     * @param nowMillis monotonic time of the event, in milliseconds
     * @param entropy a random value drawn by the caller; used only when a backoff starts
     * @return the next state and the action to perform, if any
     */
    public static ConnectionTransition step(
            ConnectionPolicy policy,
            ConnectionState state,
            ConnectionEvent event,
            long nowMillis,
            long entropy) {
        if (event == ConnectionEvent.CLOSE) {
            return close(state);
        }
        switch (state.phase()) {
            case IDLE:
                return event == ConnectionEvent.START
                        ? open(policy, state.failureCount(), nowMillis)
                        : ConnectionTransition.stay(state);
            case CONNECTING:
                if (event == ConnectionEvent.TRANSPORT_CONNECTED) {
                    return ConnectionTransition.to(
                            new ConnectionState(
                                    ConnectionPhase.HANDSHAKING,
                                    state.failureCount(),
                                    state.deadlineMillis()),
                            ConnectionAction.SEND_HANDSHAKE);
                }
                return failIfDue(policy, state, event, nowMillis, entropy);
            case HANDSHAKING:
                if (event == ConnectionEvent.HANDSHAKE_COMPLETED) {
                    return ConnectionTransition.stay(
                            new ConnectionState(ConnectionPhase.CONNECTED, 0, 0));
                }
                return failIfDue(policy, state, event, nowMillis, entropy);
            case CONNECTED:
                return event == ConnectionEvent.TRANSPORT_FAILED
                        ? backOff(policy, state.failureCount(), nowMillis, entropy)
                        : ConnectionTransition.stay(state);
            case BACKING_OFF:
                return event == ConnectionEvent.TICK && nowMillis >= state.deadlineMillis()
                        ? open(policy, state.failureCount(), nowMillis)
                        : ConnectionTransition.stay(state);
            case CLOSED:
                return ConnectionTransition.stay(state);
            default:
                throw new AssertionError("unhandled phase " + state.phase());
        }
    }

    /**
     * The delay before the next attempt after {@code failureCount} consecutive failures, in
     * milliseconds: in [ceiling/2, ceiling] with ceiling = min(max, min · 2^(failureCount−1)).
     *
     * @throws IllegalArgumentException if failureCount is below 1
     */
    public static long backoffMillis(ConnectionPolicy policy, int failureCount, long entropy) {
        if (failureCount < 1) {
            throw new IllegalArgumentException("failureCount " + failureCount + " is below 1");
        }
        int doublings = Math.min(failureCount - 1, Limits.BACKOFF_DOUBLINGS_MAX);
        long ceilingMillis =
                Math.min(
                        policy.reconnectDelayMillisMax(),
                        policy.reconnectDelayMillisMin() << doublings);
        return ceilingMillis - Math.floorMod(entropy, ceilingMillis / 2 + 1);
    }

    private static ConnectionTransition open(
            ConnectionPolicy policy, int failureCount, long nowMillis) {
        return ConnectionTransition.to(
                new ConnectionState(
                        ConnectionPhase.CONNECTING,
                        failureCount,
                        nowMillis + policy.handshakeTimeoutMillis()),
                ConnectionAction.OPEN);
    }

    /** In CONNECTING or HANDSHAKING: a failure, or a tick past the deadline, starts a backoff. */
    private static ConnectionTransition failIfDue(
            ConnectionPolicy policy,
            ConnectionState state,
            ConnectionEvent event,
            long nowMillis,
            long entropy) {
        boolean failed =
                event == ConnectionEvent.TRANSPORT_FAILED
                        || (event == ConnectionEvent.TICK && nowMillis >= state.deadlineMillis());
        return failed
                ? backOff(policy, state.failureCount(), nowMillis, entropy)
                : ConnectionTransition.stay(state);
    }

    private static ConnectionTransition backOff(
            ConnectionPolicy policy, int failureCount, long nowMillis, long entropy) {
        int failures = Math.min(failureCount + 1, Limits.FAILURE_COUNT_MAX);
        long delayMillis = backoffMillis(policy, failures, entropy);
        return ConnectionTransition.to(
                new ConnectionState(ConnectionPhase.BACKING_OFF, failures, nowMillis + delayMillis),
                ConnectionAction.DISCONNECT);
    }

    private static ConnectionTransition close(ConnectionState state) {
        ConnectionState closed = new ConnectionState(ConnectionPhase.CLOSED, 0, 0);
        boolean hasStream =
                state.phase() == ConnectionPhase.CONNECTING
                        || state.phase() == ConnectionPhase.HANDSHAKING
                        || state.phase() == ConnectionPhase.CONNECTED;
        return hasStream
                ? ConnectionTransition.to(closed, ConnectionAction.DISCONNECT)
                : ConnectionTransition.stay(closed);
    }
}
