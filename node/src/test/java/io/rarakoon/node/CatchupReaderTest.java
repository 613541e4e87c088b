package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.MemoryDisk;
import io.rarakoon.wal.WalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The catch-up source's kept cursor, on a log of {@link #ENTRIES} entries on a MemoryDisk: a batch
 * that asks for the index after the previous batch continues the kept cursor (the entry read but
 * not sent comes back as the same object), a batch for another peer or another index, or after the
 * idle time, opens a new one, and batches read every entry once, in order.
 */
class CatchupReaderTest {
    private static final int ENTRIES = 300;
    private static final long IDLE_MILLIS = 1_000;
    private static final NodeId PEER = new NodeId("n1");
    private static final StorageOptions OPTIONS =
            new StorageOptions(64, 1024, 1024, UserFunctionRegistry.empty(), false);

    @Test
    void consecutiveBatchesContinueOneCursorAndReadEveryEntryOnce() throws IOException {
        try (NodeStorage storage = storageWithEntries();
                CatchupReader reader = new CatchupReader(storage, IDLE_MILLIS)) {
            long next = 0;
            Optional<WalEntry> unsent = Optional.empty();
            while (next < ENTRIES) {
                reader.start(PEER, next, 0);
                Optional<WalEntry> entry = reader.next();
                if (unsent.isPresent()) {
                    assertSame(unsent.get(), entry.orElseThrow(), "continued at " + next);
                }
                for (int sent = 0; sent < 50 && entry.isPresent(); sent++) {
                    assertEquals(next, entry.get().index());
                    next++;
                    entry = reader.next();
                }
                reader.end(entry);
                unsent = entry;
            }
            assertTrue(unsent.isEmpty(), "the cursor ran out at the end of the log");
        }
    }

    @Test
    void anotherPeerAnotherIndexOrAnIdleCursorStartsANewOne() throws IOException {
        try (NodeStorage storage = storageWithEntries();
                CatchupReader reader = new CatchupReader(storage, IDLE_MILLIS)) {
            WalEntry unsent = readBatch(reader, PEER, 0, 0);
            reader.start(new NodeId("n2"), unsent.index(), 0);
            assertNotSame(unsent, reader.next().orElseThrow(), "another peer");

            unsent = readBatch(reader, PEER, 0, 0);
            reader.start(PEER, unsent.index() + 1, 0);
            assertEquals(unsent.index() + 1, reader.next().orElseThrow().index(), "another index");

            unsent = readBatch(reader, PEER, 0, 0);
            reader.closeIfIdle(IDLE_MILLIS - 1);
            reader.start(PEER, unsent.index(), IDLE_MILLIS - 1);
            assertSame(unsent, reader.next().orElseThrow(), "not idle yet");

            unsent = readBatch(reader, PEER, unsent.index() + 1, IDLE_MILLIS);
            reader.closeIfIdle(2 * IDLE_MILLIS);
            reader.start(PEER, unsent.index(), 2 * IDLE_MILLIS);
            WalEntry reopened = reader.next().orElseThrow();
            assertNotSame(unsent, reopened, "closed when idle");
            assertEquals(unsent.index(), reopened.index());
        }
    }

    /** Reads ten entries from {@code first} and ends the batch; returns the entry not sent. */
    private static WalEntry readBatch(CatchupReader reader, NodeId peer, long first, long now)
            throws IOException {
        reader.start(peer, first, now);
        Optional<WalEntry> entry = reader.next();
        for (int sent = 0; sent < 10; sent++) {
            entry = reader.next();
        }
        reader.end(entry);
        return entry.orElseThrow();
    }

    private static NodeStorage storageWithEntries() throws IOException {
        NodeStorage storage = NodeStorage.open(new MemoryDisk(), OPTIONS, Runnable::run);
        for (int i = 0; i < ENTRIES; i++) {
            storage.wal().append(i, ("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        storage.wal().force();
        return storage;
    }
}
