package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The node's limits fit each other and the limits of the modules the node drives. */
class LimitsTest {

    @Test
    void queuesFitTheLeakyBuffer() {
        int max = io.rarakoon.leaky.Limits.CAPACITY_ITEMS_MAX;
        assertTrue(Limits.PEER_INBOX_MESSAGES_MAX <= max);
        assertTrue(Limits.CLIENT_QUEUE_REQUESTS_MAX <= max);
    }

    @Test
    void clientQueueHoldsEveryUpdateTheMasterMayQueue() {
        assertTrue(
                Limits.CLIENT_QUEUE_REQUESTS_MAX >= io.rarakoon.paxos.Limits.PENDING_UPDATES_MAX);
    }

    @Test
    void oneTurnCanTakeAFullClientBatch() {
        assertTrue(Limits.EVENTS_PER_TURN_MAX >= io.rarakoon.paxos.Limits.UPDATES_PER_VALUE_MAX);
    }

    @Test
    void ticksAreAtLeastOneMillisecondForTheShortestLease() {
        assertTrue(io.rarakoon.paxos.Limits.LEASE_PERIOD_MILLIS_MIN / Limits.TICKS_PER_LEASE >= 1);
    }

    @Test
    void aHeadSnapshotAndABatchFitThePeerSendBuffer() {
        int chunks =
                Limits.CATCHUP_SNAPSHOT_BYTES_MAX
                        / io.rarakoon.wire.Limits.SNAPSHOT_CHUNK_BYTES_MAX;
        assertTrue(
                chunks + 2 + Limits.CATCHUP_BATCH_ENTRIES_MAX < Limits.PEER_SEND_BUFFER_FRAMES_MAX);
        assertTrue(Limits.CATCHUP_SNAPSHOT_BYTES_MAX <= Limits.GET_DB_BYTES_MAX);
    }

    @Test
    void theSmallestPeerFrameLimitCarriesAFullValueACatchupEntryAndASnapshotChunk() {
        assertTrue(Limits.PEER_FRAME_BYTES_MIN <= io.rarakoon.wire.Limits.FRAME_BYTES_MAX);
        assertTrue(
                Limits.PEER_FRAME_BYTES_MIN
                        >= io.rarakoon.paxos.Limits.VALUE_BYTES_MAX
                                + io.rarakoon.wire.Limits.MESSAGE_OVERHEAD_BYTES_MAX);
        assertTrue(
                Limits.PEER_FRAME_BYTES_MIN
                        > io.rarakoon.wire.Limits.SNAPSHOT_CHUNK_BYTES_MAX
                                + io.rarakoon.wire.Limits.MESSAGE_OVERHEAD_BYTES_MAX);
    }

    @Test
    void defaultClientLimitsLetTheLargestKeyAndValueThroughAndFitTheClientQueue() {
        int requestBytesMax = io.rarakoon.client.protocol.Limits.REQUEST_BYTES_MAX;
        assertTrue(
                Limits.CLIENT_KEY_BYTES_MAX + (long) io.rarakoon.kv.Limits.VALUE_BYTES_MAX_DEFAULT
                        < requestBytesMax);
        assertTrue(Limits.CLIENT_OUTSTANDING_REQUESTS_MAX <= Limits.CLIENT_QUEUE_REQUESTS_MAX);
        assertTrue(Limits.clientDefaults().connectionsMax() == Limits.CLIENT_CONNECTIONS_MAX);
    }
}
