package io.rarakoon.client.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks that the module's limits fit together (STYLE.md §8). */
class LimitsTest {
    @Test
    void aStringCarriesTheLargestValueArakoonAccepts() {
        assertTrue(Limits.STRING_BYTES_MAX >= Limits.VALUE_BYTES_MAX_DEFAULT);
    }

    @Test
    void aRequestHoldsItsLargestStringWithRoomForItsOtherFields() {
        assertTrue(Limits.REQUEST_BYTES_MAX > Limits.STRING_BYTES_MAX);
        assertTrue(Limits.CLUSTER_ID_BYTES_MAX < Limits.STRING_BYTES_MAX);
    }

    @Test
    void aResponseHoldsAnyStringAndTheReadChunkFits() {
        assertTrue(Limits.RESPONSE_BYTES_MAX >= Limits.REQUEST_BYTES_MAX);
        assertTrue(Limits.READ_CHUNK_BYTES <= Limits.RESPONSE_BYTES_MAX);
    }

    @Test
    void retriesAreBounded() {
        assertTrue(Limits.ATTEMPTS_MAX > 1);
        assertTrue(Limits.BACKOFF_MILLIS_MAX > 0);
        assertTrue(Limits.NESTING_DEPTH_MAX >= 2);
        assertTrue(Limits.LIST_COUNT_MAX > 0);
    }
}
