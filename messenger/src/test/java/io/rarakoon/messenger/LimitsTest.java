package io.rarakoon.messenger;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the relationships between the limits of the messenger core. */
class LimitsTest {
    @Test
    void drainPassesWriteAtLeastOneFrameAndFitTheLargestBuffer() {
        assertTrue(Limits.FRAMES_PER_DRAIN_MAX >= 1);
        assertTrue(Limits.FRAMES_PER_DRAIN_MAX <= io.rarakoon.leaky.Limits.CAPACITY_ITEMS_MAX);
    }

    @Test
    void dropWarningsAreRateLimited() {
        assertTrue(Limits.DROP_LOG_INTERVAL_MILLIS >= 1_000);
    }
}
