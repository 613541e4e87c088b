package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.wal.MemoryDisk;
import io.rarakoon.wal.Wal;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplayReader}: entries in order up to the end index across more batches than the queue
 * holds, a bad update reported at its index after the entries before it, and a close before the end
 * that stops the reader thread.
 */
class ReplayReaderTest {
    private static final int ENTRIES = 2_000;

    private final ValueCodec codec = new ValueCodec();
    private Wal wal;

    @BeforeEach
    void writeLog() throws IOException {
        wal = Wal.open(new MemoryDisk(), 100, Runnable::run);
        for (int index = 0; index < ENTRIES; index++) {
            ByteString update =
                    index == 1_500
                            ? ByteString.utf8("not an update")
                            : codec.encodeUpdate(
                                    new Update.Set(Bytes.utf8("k" + index), Bytes.utf8("v")));
            wal.append(
                    index,
                    codec.encodeEntry(
                            new LogEntry(1, index, new ClientValue(List.of(update), false))));
        }
        wal.force();
    }

    @AfterEach
    void closeLog() throws IOException {
        wal.close();
    }

    @Test
    void returnsEachEntryInOrderUpToTheEndIndex() throws IOException {
        try (ReplayReader reader = ReplayReader.start(wal.entries(10), 1_400)) {
            for (int index = 10; index <= 1_400; index++) {
                ReplayReader.Decoded entry = reader.next();
                assertEquals(index, entry.index());
                assertEquals(
                        List.of(new Update.Set(Bytes.utf8("k" + index), Bytes.utf8("v"))),
                        entry.updates());
            }
            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void anUndecodableUpdateFailsAtItsIndexAfterTheEntriesBeforeIt() throws IOException {
        try (ReplayReader reader = ReplayReader.start(wal.entries(0), ENTRIES - 1)) {
            for (int index = 0; index < 1_500; index++) {
                assertEquals(index, reader.next().index());
            }
            CorruptStorageException e = assertThrows(CorruptStorageException.class, reader::next);
            assertTrue(e.getMessage().startsWith("write-ahead log index 1500: "), e.getMessage());
        }
    }

    @Test
    void closeBeforeTheEndStopsTheReader() throws IOException {
        ReplayReader reader = ReplayReader.start(wal.entries(0), ENTRIES - 1);
        assertEquals(0, reader.next().index());

        reader.close();

        assertFalse(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(thread -> thread.getName().equals("replay-reader")));
    }
}
