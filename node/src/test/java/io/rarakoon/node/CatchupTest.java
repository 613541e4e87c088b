package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.MemoryDisk;
import io.rarakoon.wire.CatchupBatchEnd;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.SnapshotChunk;
import io.rarakoon.wire.SnapshotHeader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            Catchup catchup = catchup(storage);
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

    @Test
    void theStoreTakesACatchupAsABulkLoadThatEndsWithIt() throws IOException {
        try (NodeStorage storage = NodeStorage.open(new MemoryDisk(), OPTIONS, Runnable::run)) {
            Catchup catchup = catchup(storage);
            catchup.start(SOURCE, 0);
            for (long index = 0; index < 5; index++) {
                catchup.onEntry(SOURCE, setEntry(storage, index));
            }
            assertTrue(catchup.onBatchEnd(SOURCE, new CatchupBatchEnd(4, 9), 0).isEmpty());
            assertTrue(storage.store().isBulkLoading(), "between two batches");
            assertEquals(Optional.of(Bytes.utf8("v2")), storage.store().get(key(2)));
            for (long index = 5; index < 10; index++) {
                catchup.onEntry(SOURCE, setEntry(storage, index));
            }

            assertTrue(catchup.onBatchEnd(SOURCE, new CatchupBatchEnd(9, 9), 0).isPresent());

            KvStore store = storage.store();
            assertFalse(store.isBulkLoading(), "the catch-up ended");
            List<Bytes> keys = new ArrayList<>();
            for (long index = 0; index < 10; index++) {
                keys.add(key(index));
            }
            keys.sort(null);
            assertEquals(keys, store.range(Optional.empty(), true, Optional.empty(), true, -1));
        }
    }

    @Test
    void aCatchupThatTimesOutEndsItsBulkLoadToo() throws IOException {
        try (NodeStorage storage = NodeStorage.open(new MemoryDisk(), OPTIONS, Runnable::run)) {
            Catchup catchup = catchup(storage);
            catchup.start(SOURCE, 0);
            catchup.onEntry(SOURCE, setEntry(storage, 0));
            assertTrue(catchup.onBatchEnd(SOURCE, new CatchupBatchEnd(0, 9), 0).isEmpty());

            assertTrue(catchup.onTick(1_000).isPresent(), "a lease period without a batch end");
            assertFalse(storage.store().isBulkLoading());
            assertEquals(Optional.of(Bytes.utf8("v0")), storage.store().get(key(0)));
        }
    }

    private static Catchup catchup(NodeStorage storage) {
        return new Catchup(
                SELF,
                storage,
                (to, message) -> {},
                Runnable::run,
                new NodeStatistics(new ManualScheduler()),
                1_000);
    }

    /** Index i sets a key of its own, out of key order: k7 after k0, k4 after k7, ... */
    private static CatchupEntry setEntry(NodeStorage storage, long index) {
        Update set = new Update.Set(key(index), Bytes.utf8("v" + index));
        ClientValue value = new ClientValue(List.of(storage.codec().encodeUpdate(set)), false);
        return new CatchupEntry(index, storage.codec().encodeEntry(new LogEntry(1, index, value)));
    }

    private static Bytes key(long index) {
        return Bytes.utf8("k" + index * 7 % 10);
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
