package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.MemoryDisk;
import io.rarakoon.wire.CatchupBatchEnd;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.SnapshotChunk;
import io.rarakoon.wire.SnapshotHeader;
import java.io.IOException;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The receiving side of {@link Catchup} fed message by message, in orders a network that delays and
 * reorders frames can produce.
 */
class CatchupTest {
    private static final StorageOptions OPTIONS =
            new StorageOptions(16, 1024, 1024, UserFunctionRegistry.empty(), false);
    private static final NodeId SELF = new NodeId("n1");
    private static final NodeId SOURCE = new NodeId("n0");
    private static final long HEAD = 10;

    /** Found by the simulator (seed 0x5eed008b): the node logged entry 0 after a head at 10. */
    @Test
    void anEntryArrivingWhileAHeadIsTransferredIsIgnoredAndTheLogContinuesTheHead()
            throws IOException {
        try (NodeStorage storage = NodeStorage.open(new MemoryDisk(), OPTIONS, Runnable::run)) {
            Catchup catchup =
                    new Catchup(
                            SELF,
                            storage,
                            (to, message) -> {},
                            Runnable::run,
                            new NodeStatistics(new ManualScheduler()),
                            1_000);
            byte[] head = StoreSnapshots.of(storeAt(HEAD));
            CRC32C crc = new CRC32C();
            crc.update(head);

            catchup.start(SOURCE, 0);
            catchup.onSnapshotHeader(
                    SOURCE, new SnapshotHeader(HEAD, head.length, (int) crc.getValue()));
            catchup.onEntry(SOURCE, entry(storage, 0)); // late: it continues the empty log
            catchup.onSnapshotChunk(SOURCE, new SnapshotChunk(0, head, true));
            catchup.onEntry(SOURCE, entry(storage, HEAD + 1));
            var finished = catchup.onBatchEnd(SOURCE, new CatchupBatchEnd(HEAD + 1, HEAD + 1), 0);

            assertTrue(finished.isPresent(), "the batch reached the source's applied index");
            assertEquals(HEAD, storage.wal().headIndex());
            assertEquals(HEAD + 1, storage.wal().firstIndex());
            assertEquals(HEAD + 1, storage.wal().lastIndex());
            assertEquals(HEAD + 1, storage.wal().durableIndex());
            assertEquals(HEAD + 1, storage.store().appliedIndex().orElseThrow());
        }
    }

    private static KvStore storeAt(long index) {
        KvStore store = new KvStore(1024, UserFunctionRegistry.empty());
        for (long i = 0; i <= index; i++) {
            store.apply(i, List.of(new Update.MasterSet(SOURCE.name())));
        }
        return store;
    }

    private static CatchupEntry entry(NodeStorage storage, long index) {
        LogEntry entry = new LogEntry(1, index, new MasterValue(SOURCE, 0));
        return new CatchupEntry(index, storage.codec().encodeEntry(entry));
    }
}
