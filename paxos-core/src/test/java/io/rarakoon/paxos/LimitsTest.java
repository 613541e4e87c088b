package io.rarakoon.paxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the relationships between the core's limits that the javadoc of Limits promises. */
class LimitsTest {

    /** Arakoon's node-to-node frame limit (spec §7.2), which one Accept must fit in. */
    private static final long FRAME_BYTES_MAX = 32L * 1024 * 1024;

    @Test
    void anyUpdateFitsInOneValue() {
        assertTrue(Limits.UPDATE_BYTES_MAX <= Limits.VALUE_BYTES_MAX);
    }

    @Test
    void aFullValueFitsInOneFrameWithRoomForHeaders() {
        long headers = (long) Limits.UPDATES_PER_VALUE_MAX * 16 + 1024;
        assertTrue(Limits.VALUE_BYTES_MAX + headers <= FRAME_BYTES_MAX);
    }

    @Test
    void theQueueHoldsAtLeastOneFullValue() {
        assertTrue(Limits.PENDING_UPDATES_MAX >= Limits.UPDATES_PER_VALUE_MAX);
    }

    @Test
    void theReadLeaseOutlastsTheRenewalPeriod() {
        // The master renews at L/2; its read lease must not lapse between two renewals.
        long readLeasePermille = 1000 - 2L * Limits.CLOCK_RATE_DRIFT_PERMILLE_MAX;
        assertTrue(readLeasePermille > 750, "read lease " + readLeasePermille + " per mille of L");
    }

    @Test
    void theReadLeaseEndsBeforeAFastFollowerPromises() {
        // Master: L * (1 - 2d) on a clock running at (1 - d); follower: L on a clock at (1 + d).
        double drift = Limits.CLOCK_RATE_DRIFT_PERMILLE_MAX / 1000.0;
        assertTrue((1 - 2 * drift) / (1 - drift) <= 1 / (1 + drift));
    }

    @Test
    void oneInstanceInFlightAsTheCommitRuleAssumes() {
        assertEquals(1, Limits.INSTANCES_IN_FLIGHT_MAX);
    }

    @Test
    void theSmallestLeaseKeepsEveryTimeoutPositive() {
        assertTrue(Limits.LEASE_PERIOD_MILLIS_MIN / 40 >= 1);
    }
}
