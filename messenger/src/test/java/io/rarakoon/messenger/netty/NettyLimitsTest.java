package io.rarakoon.messenger.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.wire.Limits;
import org.junit.jupiter.api.Test;

/** Checks the Netty adapter's water marks against each other and against the handshake frame. */
class NettyLimitsTest {
    @Test
    void waterMarksAreOrderedAndHoldAHandshake() {
        assertTrue(NettyTransport.WRITE_BUFFER_BYTES_LOW < NettyTransport.WRITE_BUFFER_BYTES_HIGH);
        assertTrue(
                NettyTransport.WRITE_BUFFER_BYTES_LOW
                        >= Limits.LENGTH_PREFIX_BYTES + Limits.HANDSHAKE_FRAME_BYTES_MAX);
    }
}
