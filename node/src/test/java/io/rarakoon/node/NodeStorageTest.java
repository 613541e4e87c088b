package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.paxos.DurableState;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.CollapseProgress;
import io.rarakoon.wal.DiskFile;
import io.rarakoon.wal.MemoryDisk;
import io.rarakoon.wal.Wal;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Start-up recovery of {@link NodeStorage} on a {@link MemoryDisk}: what the core gets as its
 * durable state, replay up to the last entry (or through it for a single voter), the promise file,
 * crashes that lose unforced entries, a head snapshot after a collapse, a head installed from a
 * peer (kept across power loss, refused when it does not restore), and corruption that stops
 * start-up with the file or index named. Entries are written with the node's own codec.
 */
class NodeStorageTest {
    private static final StorageOptions OPTIONS =
            new StorageOptions(4, 1024, 1024, UserFunctionRegistry.empty(), false);

    private final MemoryDisk disk = new MemoryDisk();
    private final ValueCodec codec = new ValueCodec();

    @Test
    void emptyDiskRecoversTheEmptyState() throws IOException {
        try (NodeStorage storage = open(OPTIONS)) {
            assertEquals(DurableState.EMPTY, storage.durableState());
            assertEquals(0, storage.store().nextIndex());
        }
    }

    @Test
    void replaysEveryEntryButTheLast() throws IOException {
        writeEntries(5);
        try (NodeStorage storage = open(OPTIONS)) {
            DurableState durable = storage.durableState();
            assertEquals(3, durable.appliedIndex());
            assertEquals(4, durable.lastAccepted().orElseThrow().index());
            assertEquals(7, durable.promisedTerm());
            assertEquals(Optional.of(Bytes.utf8("v3")), storage.store().get(Bytes.utf8("k3")));
            assertTrue(storage.store().get(Bytes.utf8("k4")).isEmpty());
            assertEquals(Optional.of("n0"), storage.store().master());
        }
    }

    @Test
    void singleVoterReplaysTheLastEntryToo() throws IOException {
        writeEntries(5);
        StorageOptions single =
                new StorageOptions(4, 1024, 1024, UserFunctionRegistry.empty(), true);
        try (NodeStorage storage = open(single)) {
            assertEquals(4, storage.durableState().appliedIndex());
            assertEquals(Optional.of(Bytes.utf8("v4")), storage.store().get(Bytes.utf8("k4")));
        }
    }

    @Test
    void promisedTermSurvivesACrash() throws IOException {
        try (NodeStorage storage = open(OPTIONS)) {
            storage.promise().write(12);
        }
        disk.crash();
        try (NodeStorage storage = open(OPTIONS)) {
            assertEquals(12, storage.durableState().promisedTerm());
        }
    }

    @Test
    void crashLosesOnlyUnforcedEntries() throws IOException {
        writeEntries(3);
        try (NodeStorage storage = open(OPTIONS)) {
            storage.wal().append(3, codec.encodeEntry(set(3)));
        }
        // close() forced entry 3; entry 4 below is appended but never forced
        try (NodeStorage storage = open(OPTIONS)) {
            storage.wal().append(4, codec.encodeEntry(set(4)));
            disk.crash();
        } catch (IOException expectedAfterCrash) {
            // closing a log whose handles the crash invalidated fails; the crash is what we test
        }
        try (NodeStorage storage = open(OPTIONS)) {
            assertEquals(3, storage.durableState().lastAccepted().orElseThrow().index());
        }
    }

    @Test
    void recoversFromAHeadSnapshotAfterACollapse() throws Exception {
        writeEntries(14);
        Bytes digest;
        try (NodeStorage storage = open(OPTIONS)) {
            digest = storage.store().digest();
            storage.collapser(1, 1).collapse(1, CollapseProgress.IGNORE);
            assertTrue(storage.wal().headIndex() != Wal.NO_INDEX);
        }
        try (NodeStorage storage = open(OPTIONS)) {
            assertEquals(digest, storage.store().digest());
            assertEquals(12, storage.durableState().appliedIndex());
        }
    }

    @Test
    void headInstalledFromAPeerSurvivesPowerLossBeforeAnyEntryFollows() throws Exception {
        writeEntries(14);
        byte[] snapshot;
        Bytes digest;
        try (NodeStorage source = open(OPTIONS)) {
            snapshot = StoreSnapshots.of(source.store());
            digest = source.store().digest();
        }
        MemoryDisk wiped = new MemoryDisk();
        try (NodeStorage storage = NodeStorage.open(wiped, OPTIONS, Runnable::run)) {
            storage.installHead(12, snapshot);
            assertEquals(digest, storage.store().digest());
        }
        wiped.crash();
        try (NodeStorage storage = NodeStorage.open(wiped, OPTIONS, Runnable::run)) {
            assertEquals(digest, storage.store().digest());
            assertEquals(13, storage.store().nextIndex(), "catch-up resumes after the head");
            assertEquals(DurableState.EMPTY, storage.durableState(), "consensus knows no entry");
            storage.wal().append(13, codec.encodeEntry(set(13)));
            storage.wal().force();
        }
    }

    @Test
    void refusesAHeadSnapshotThatDoesNotRestoreToItsIndex() throws Exception {
        writeEntries(14);
        byte[] snapshot;
        try (NodeStorage source = open(OPTIONS)) {
            snapshot = StoreSnapshots.of(source.store());
        }
        MemoryDisk wiped = new MemoryDisk();
        try (NodeStorage storage = NodeStorage.open(wiped, OPTIONS, Runnable::run)) {
            MalformedPayloadException e =
                    assertThrows(
                            MalformedPayloadException.class,
                            () -> storage.installHead(20, snapshot));
            assertEquals(
                    "head snapshot restores to index 12, not its header's head index 20",
                    e.getMessage());
            assertEquals(Wal.NO_INDEX, storage.wal().headIndex(), "nothing was installed");
        }
    }

    @Test
    void undecodableEntryStopsStartupNamingTheIndex() throws IOException {
        writeEntries(2);
        try (NodeStorage storage = open(OPTIONS)) {
            storage.wal().append(2, new byte[] {9, 9, 9});
            storage.wal().append(3, codec.encodeEntry(set(3)));
        }
        CorruptStorageException e =
                assertThrows(CorruptStorageException.class, () -> open(OPTIONS));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    }

    @Test
    void corruptPromiseFileStopsStartupNamingTheFile() throws IOException {
        try (NodeStorage storage = open(OPTIONS)) {
            storage.promise().write(3);
        }
        try (DiskFile file = disk.open(PromiseFile.NAME)) {
            file.write(0, new byte[] {1}, 0, 1);
            file.force();
        }
        CorruptStorageException e =
                assertThrows(CorruptStorageException.class, () -> open(OPTIONS));
        assertTrue(e.getMessage().startsWith("promise"), e.getMessage());
    }

    @Test
    void corruptSegmentStopsStartupNamingTheFile() throws IOException {
        writeEntries(9);
        try (DiskFile file = disk.open("000.walz")) {
            file.write(40, new byte[] {0x55, 0x55, 0x55, 0x55}, 0, 4);
            file.force();
        }
        CorruptStorageException e =
                assertThrows(CorruptStorageException.class, () -> open(OPTIONS));
        assertTrue(e.getMessage().contains("000.wal"), e.getMessage());
    }

    private NodeStorage open(StorageOptions options) throws IOException {
        return NodeStorage.open(disk, options, Runnable::run);
    }

    /** Index 0 is a lease for n0, then sets k_i = v_i; all durable, term 7. */
    private void writeEntries(int count) throws IOException {
        try (NodeStorage storage = open(OPTIONS)) {
            Wal wal = storage.wal();
            wal.append(0, codec.encodeEntry(new LogEntry(7, 0, new MasterValue(n0(), 5))));
            for (int index = 1; index < count; index++) {
                wal.append(index, codec.encodeEntry(set(index)));
            }
            wal.force();
        }
    }

    private LogEntry set(int index) {
        Update update = new Update.Set(Bytes.utf8("k" + index), Bytes.utf8("v" + index));
        ClientValue value = new ClientValue(List.of(codec.encodeUpdate(update)), false);
        return new LogEntry(7, index, value);
    }

    private static NodeId n0() {
        return new NodeId("n0");
    }
}
