package io.rarakoon.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the relationships between the limits of the wire format. */
class LimitsTest {
    @Test
    void largestMessagesFitInAFrame() {
        assertTrue(
                Limits.ENTRY_PAYLOAD_BYTES_MAX + Limits.MESSAGE_OVERHEAD_BYTES_MAX
                        <= Limits.FRAME_BYTES_MAX);
        assertTrue(
                Limits.SNAPSHOT_CHUNK_BYTES_MAX + Limits.MESSAGE_OVERHEAD_BYTES_MAX
                        <= Limits.FRAME_BYTES_MAX);
    }

    @Test
    void largestHandshakeFitsTheHandshakeFrameLimit() {
        int handshakeBytesMax =
                1 + 4 + 4 + 5 + Limits.CLUSTER_ID_BYTES_MAX + 5 + Limits.NODE_NAME_BYTES_MAX;
        assertTrue(handshakeBytesMax <= Limits.HANDSHAKE_FRAME_BYTES_MAX);
        assertTrue(Limits.HANDSHAKE_FRAME_BYTES_MAX <= Limits.FRAME_BYTES_MAX);
    }

    @Test
    void frameLengthFitsThePrefix() {
        assertTrue(Limits.FRAME_BYTES_MAX > 0);
        assertTrue(Limits.LENGTH_PREFIX_BYTES == Integer.BYTES);
    }
}
