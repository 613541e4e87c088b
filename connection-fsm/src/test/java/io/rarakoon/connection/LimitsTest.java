package io.rarakoon.connection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the relationships between the limits of connection-fsm. */
class LimitsTest {
    @Test
    void largestBackoffCeilingDoesNotOverflow() {
        assertTrue(
                Limits.BACKOFF_DOUBLINGS_MAX < Long.numberOfLeadingZeros(Limits.DELAY_MILLIS_MAX));
    }

    @Test
    void failureCounterCountsPastTheLastDoubling() {
        assertTrue(Limits.FAILURE_COUNT_MAX > Limits.BACKOFF_DOUBLINGS_MAX + 1);
    }
}
