package io.rarakoon.node;

/**
 * Counters a node reports in STATISTICS. Written on the loop thread; the drop counts come from the
 * bounded queues themselves.
 */
final class NodeStatistics {
    long startWallMillis;
    long stepCount;
    long forceCount;
    long appliedValueCount;
    long clientBusyCount;
    long peerDropCount;
    long catchupFailureCount;
}
