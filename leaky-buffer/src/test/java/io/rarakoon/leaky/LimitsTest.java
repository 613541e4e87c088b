package io.rarakoon.leaky;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the relationships between the limits of leaky-buffer. */
class LimitsTest {
    @Test
    void capacityRangeIsNonEmptyAndPositive() {
        assertTrue(Limits.CAPACITY_ITEMS_MIN >= 1);
        assertTrue(Limits.CAPACITY_ITEMS_MIN <= Limits.CAPACITY_ITEMS_MAX);
    }
}
