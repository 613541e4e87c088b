package io.rarakoon.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scripted walks through {@link ConnectionFsm}: the happy path, doubling and capped backoff, reset
 * after a good handshake, the handshake deadline, and close. Time and entropy are literals.
 */
class ConnectionFsmTest {
    private static final ConnectionPolicy POLICY = new ConnectionPolicy(100, 1_000, 500);

    private ConnectionState state = ConnectionState.IDLE;

    private Optional<ConnectionAction> on(ConnectionEvent event, long nowMillis, long entropy) {
        ConnectionTransition transition =
                ConnectionFsm.step(POLICY, state, event, nowMillis, entropy);
        state = transition.state();
        return transition.action();
    }

    @Test
    void connectsThroughHandshake() {
        assertEquals(Optional.of(ConnectionAction.OPEN), on(ConnectionEvent.START, 10, 0));
        assertEquals(new ConnectionState(ConnectionPhase.CONNECTING, 0, 510), state);
        assertEquals(
                Optional.of(ConnectionAction.SEND_HANDSHAKE),
                on(ConnectionEvent.TRANSPORT_CONNECTED, 20, 0));
        assertEquals(ConnectionPhase.HANDSHAKING, state.phase());
        assertEquals(Optional.empty(), on(ConnectionEvent.HANDSHAKE_COMPLETED, 30, 0));
        assertEquals(new ConnectionState(ConnectionPhase.CONNECTED, 0, 0), state);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        on(ConnectionEvent.START, 0, 0);
        long now = 0;
        long[] expectedCeilings = {100, 200, 400, 800, 1_000, 1_000};
        for (long ceiling : expectedCeilings) {
            // Entropy 0 gives the ceiling itself.
            assertEquals(
                    Optional.of(ConnectionAction.DISCONNECT),
                    on(ConnectionEvent.TRANSPORT_FAILED, now, 0));
            assertEquals(ConnectionPhase.BACKING_OFF, state.phase());
            assertEquals(now + ceiling, state.deadlineMillis());
            now = state.deadlineMillis();
            assertEquals(Optional.of(ConnectionAction.OPEN), on(ConnectionEvent.TICK, now, 0));
        }
        assertEquals(expectedCeilings.length, state.failureCount());
    }

    @Test
    void jitterStaysBetweenHalfTheCeilingAndTheCeiling() {
        for (long entropy = -1_000; entropy <= 1_000; entropy += 7) {
            long delay = ConnectionFsm.backoffMillis(POLICY, 3, entropy);
            assertTrue(delay >= 200 && delay <= 400, "delay " + delay);
        }
    }

    @Test
    void goodHandshakeResetsTheBackoff() {
        on(ConnectionEvent.START, 0, 0);
        on(ConnectionEvent.TRANSPORT_FAILED, 0, 0);
        on(ConnectionEvent.TICK, 100, 0);
        on(ConnectionEvent.TRANSPORT_FAILED, 100, 0);
        assertEquals(2, state.failureCount());
        on(ConnectionEvent.TICK, 300, 0);
        on(ConnectionEvent.TRANSPORT_CONNECTED, 301, 0);
        on(ConnectionEvent.HANDSHAKE_COMPLETED, 302, 0);
        assertEquals(0, state.failureCount());
        on(ConnectionEvent.TRANSPORT_FAILED, 400, 0);
        assertEquals(new ConnectionState(ConnectionPhase.BACKING_OFF, 1, 500), state);
    }

    @Test
    void handshakeDeadlineFailsTheAttempt() {
        on(ConnectionEvent.START, 0, 0);
        on(ConnectionEvent.TRANSPORT_CONNECTED, 10, 0);
        assertEquals(Optional.empty(), on(ConnectionEvent.TICK, 499, 0));
        assertEquals(ConnectionPhase.HANDSHAKING, state.phase());
        assertEquals(Optional.of(ConnectionAction.DISCONNECT), on(ConnectionEvent.TICK, 500, 0));
        assertEquals(ConnectionPhase.BACKING_OFF, state.phase());
    }

    @Test
    void lateConnectWhileBackingOffIsIgnored() {
        on(ConnectionEvent.START, 0, 0);
        on(ConnectionEvent.TRANSPORT_FAILED, 0, 0);
        ConnectionState before = state;
        assertEquals(Optional.empty(), on(ConnectionEvent.TRANSPORT_CONNECTED, 1, 0));
        assertEquals(before, state);
    }

    @Test
    void closeDisconnectsAnOpenStreamAndAbsorbsEverything() {
        on(ConnectionEvent.START, 0, 0);
        on(ConnectionEvent.TRANSPORT_CONNECTED, 1, 0);
        on(ConnectionEvent.HANDSHAKE_COMPLETED, 2, 0);
        assertEquals(Optional.of(ConnectionAction.DISCONNECT), on(ConnectionEvent.CLOSE, 3, 0));
        for (ConnectionEvent event : ConnectionEvent.values()) {
            assertEquals(Optional.empty(), on(event, 4, 0));
            assertEquals(ConnectionPhase.CLOSED, state.phase());
        }
    }

    @Test
    void rejectsPolicyOutsideLimits() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new ConnectionPolicy(0, 10, 10));
        assertTrue(error.getMessage().contains("reconnectDelayMillisMin 0"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConnectionPolicy(20, 10, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ConnectionPolicy(1, 10, Limits.DELAY_MILLIS_MAX + 1));
    }
}
