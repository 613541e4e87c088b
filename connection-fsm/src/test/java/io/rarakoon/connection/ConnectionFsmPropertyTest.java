package io.rarakoon.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of every transition of {@link ConnectionFsm}, checked over random policies and random
 * event sequences with non-decreasing time: determinism, which action may accompany which change of
 * phase, the backoff bounds, the reset after a handshake, and that CLOSED absorbs everything.
 */
class ConnectionFsmPropertyTest {
    /** One input: an event, how much time passed before it, and the entropy drawn for it. */
    record Input(ConnectionEvent event, long elapsedMillis, long entropy) {}

    @Provide
    Arbitrary<ConnectionPolicy> policies() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, 5_000),
                        Arbitraries.longs().between(0, 100_000),
                        Arbitraries.longs().between(1, 10_000))
                .as((min, extra, handshake) -> new ConnectionPolicy(min, min + extra, handshake));
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<Input> input =
                Combinators.combine(
                                Arbitraries.of(ConnectionEvent.class)
                                        .filter(e -> e != ConnectionEvent.CLOSE),
                                Arbitraries.longs().between(0, 20_000),
                                Arbitraries.longs())
                        .as(Input::new);
        Arbitrary<Input> close = Arbitraries.just(new Input(ConnectionEvent.CLOSE, 0, 0));
        return Arbitraries.frequencyOf(Tuple.of(50, input), Tuple.of(1, close))
                .list()
                .ofMaxSize(100);
    }

    @Property(tries = 400)
    void everyTransitionKeepsTheRules(
            @ForAll("policies") ConnectionPolicy policy, @ForAll("inputs") List<Input> inputs) {
        ConnectionState state = ConnectionState.IDLE;
        long nowMillis = 1_000;
        for (Input input : inputs) {
            nowMillis += input.elapsedMillis();
            ConnectionTransition transition =
                    ConnectionFsm.step(policy, state, input.event(), nowMillis, input.entropy());
            assertEquals(
                    transition,
                    ConnectionFsm.step(policy, state, input.event(), nowMillis, input.entropy()));
            checkTransition(policy, state, input.event(), nowMillis, transition);
            state = transition.state();
        }
    }

    private static void checkTransition(
            ConnectionPolicy policy,
            ConnectionState before,
            ConnectionEvent event,
            long nowMillis,
            ConnectionTransition transition) {
        ConnectionState after = transition.state();
        Optional<ConnectionAction> action = transition.action();
        if (before.phase() == ConnectionPhase.CLOSED) {
            assertEquals(before, after);
            assertEquals(Optional.empty(), action);
            return;
        }
        if (event == ConnectionEvent.CLOSE) {
            assertEquals(ConnectionPhase.CLOSED, after.phase());
        }
        switch (after.phase()) {
            case CONNECTING:
                if (before.phase() != ConnectionPhase.CONNECTING) {
                    assertEquals(Optional.of(ConnectionAction.OPEN), action);
                    assertEquals(
                            nowMillis + policy.handshakeTimeoutMillis(), after.deadlineMillis());
                }
                break;
            case HANDSHAKING:
                if (before.phase() != ConnectionPhase.HANDSHAKING) {
                    assertEquals(ConnectionPhase.CONNECTING, before.phase());
                    assertEquals(Optional.of(ConnectionAction.SEND_HANDSHAKE), action);
                }
                break;
            case CONNECTED:
                if (before.phase() != ConnectionPhase.CONNECTED) {
                    assertEquals(ConnectionPhase.HANDSHAKING, before.phase());
                    assertEquals(ConnectionEvent.HANDSHAKE_COMPLETED, event);
                }
                assertEquals(0, after.failureCount());
                break;
            case BACKING_OFF:
                if (before.phase() != ConnectionPhase.BACKING_OFF) {
                    checkBackoffStart(policy, before, nowMillis, after, action);
                }
                break;
            default:
                break;
        }
        if (before.phase() == after.phase() && before.phase() != ConnectionPhase.CONNECTED) {
            assertEquals(before, after);
            assertEquals(Optional.empty(), action);
        }
        if (before.hasDeadline()
                && nowMillis < before.deadlineMillis()
                && event == ConnectionEvent.TICK) {
            assertEquals(before, after);
        }
    }

    private static void checkBackoffStart(
            ConnectionPolicy policy,
            ConnectionState before,
            long nowMillis,
            ConnectionState after,
            Optional<ConnectionAction> action) {
        assertEquals(Optional.of(ConnectionAction.DISCONNECT), action);
        assertEquals(before.failureCount() + 1, after.failureCount());
        long delayMillis = after.deadlineMillis() - nowMillis;
        int doublings = Math.min(after.failureCount() - 1, Limits.BACKOFF_DOUBLINGS_MAX);
        long ceiling =
                Math.min(
                        policy.reconnectDelayMillisMax(),
                        policy.reconnectDelayMillisMin() << doublings);
        assertTrue(delayMillis >= ceiling - ceiling / 2 && delayMillis <= ceiling, "delay");
        assertTrue(delayMillis <= policy.reconnectDelayMillisMax());
    }
}
