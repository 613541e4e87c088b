package io.rarakoon.messenger;

import io.rarakoon.connection.ConnectionPhase;

/**
 * A snapshot of one peer link's counters, for logs, metrics and tests.
 *
 * @param peerName the peer
 * @param phase where the outgoing connection stands
 * @param sentFrameCount frames written to a stream since start
 * @param droppedPeerDownCount sends dropped because the link was not connected, including frames
 *     discarded from the buffer when a connection was lost
 * @param droppedBufferFullCount sends dropped because the send buffer was full
 * @param queuedFrameCount frames waiting in the send buffer now
 */
public record LinkStats(
        String peerName,
        ConnectionPhase phase,
        long sentFrameCount,
        long droppedPeerDownCount,
        long droppedBufferFullCount,
        int queuedFrameCount) {}
