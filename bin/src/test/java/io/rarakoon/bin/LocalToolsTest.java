package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.bin.LocalCluster.Result;
import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Update;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wal.NioDisk;
import io.rarakoon.wal.Wal;
import io.rarakoon.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wal dump|verify} and {@code store dump} on files written by the real WAL (segments of 4
 * entries, completed ones compressed) with payloads encoded as the node encodes them, and on copies
 * damaged by flipping one byte: intact files exit 0, damage exits 49 naming file and offset.
 */
class LocalToolsTest {
    private static final int ENTRIES_PER_SEGMENT = 4;

    @TempDir Path folder;

    private final WireCodec codec = new WireCodec();

    @Test
    void dumpPrintsOneLinePerEntryAndDecodesValuesOnlyWhenAsked() throws IOException {
        Path log = writeLog(10);

        Result plain = LocalCluster.run("wal", "dump", log.toString());
        Result values = LocalCluster.run("wal", "dump", "--values", log.toString());

        assertEquals(0, plain.code(), plain.err());
        List<String> lines = plain.out().lines().toList();
        assertEquals(13, lines.size(), plain.out());
        assertTrue(lines.get(0).startsWith("0\tbytes="), lines.get(0));
        assertFalse(plain.out().contains("term="), plain.out());
        assertEquals("000.walz OK: 4 records, indexes 0..3, compressed", lines.get(4));
        assertEquals("002.wal OK: 2 records, indexes 8..9", lines.get(12));
        assertEquals(0, values.code(), values.err());
        List<String> decoded = values.out().lines().toList();
        assertTrue(decoded.get(0).endsWith("\tterm=1\tmaster node_0"), decoded.get(0));
        assertTrue(
                decoded.get(8).endsWith("updates [Set[key=\"key_7\", value=\"value_7\"]]"),
                decoded.get(8));
    }

    @Test
    void verifyPrintsOkPerFileForAnIntactLogAndASingleFile() throws IOException {
        Path log = writeLog(10);

        Result folderRun = LocalCluster.run("wal", "verify", log.toString());
        Result fileRun = LocalCluster.run("wal", "verify", log.resolve("001.walz").toString());

        assertEquals(0, folderRun.code(), folderRun.err());
        assertEquals(3, folderRun.out().lines().filter(l -> l.contains(" OK: ")).count());
        assertEquals("001.walz OK: 4 records, indexes 4..7, compressed\n", fileRun.out());
    }

    @Test
    void verifyNamesTheFileAndOffsetOfADamagedRecord() throws IOException {
        Path log = writeLog(10);
        Path newest = log.resolve("002.wal");
        flipByte(newest, Files.size(newest) - 2);

        Result run = LocalCluster.run("wal", "verify", log.toString());

        assertEquals(ExitCodes.CORRUPT_STORAGE, run.code());
        assertTrue(run.err().startsWith("corrupt: 002.wal at offset "), run.err());
        assertTrue(run.out().contains("001.walz OK"), run.out());
    }

    @Test
    void verifyRejectsADamagedArchive() throws IOException {
        Path log = writeLog(10);
        flipByte(log.resolve("000.walz"), 70);

        Result run = LocalCluster.run("wal", "dump", log.toString());

        assertEquals(ExitCodes.CORRUPT_STORAGE, run.code());
        assertTrue(run.err().contains("000.walz at offset 64"), run.err());
    }

    @Test
    void storeDumpPrintsTheHeadsIndexMasterAndKeyCount() throws IOException {
        Path head = writeHead();

        Result run = LocalCluster.run("store", "dump", head.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(
                run.out()
                        .startsWith(
                                "head index: 3\napplied index: 3\nmaster: node_0\nkeys: 3\ndigest: "),
                run.out());
    }

    @Test
    void storeDumpReportsADamagedHeadAsCorrupt() throws IOException {
        Path head = writeHead();
        flipByte(head, Files.size(head) - 1);

        Result run = LocalCluster.run("store", "dump", head.toString());

        assertEquals(ExitCodes.CORRUPT_STORAGE, run.code());
        assertTrue(run.err().contains("head.snap at offset"), run.err());
    }

    @Test
    void aMissingFileIsAReadFailure() {
        Path missing = folder.resolve("nothing.wal");
        assertEquals(
                ExitCodes.FAILED, LocalCluster.run("wal", "verify", missing.toString()).code());
        assertEquals(
                ExitCodes.FAILED, LocalCluster.run("store", "dump", missing.toString()).code());
    }

    /** A log of a lease value at index 0, then one Set per index, as the node writes it. */
    private Path writeLog(int entries) throws IOException {
        Path log = Files.createDirectory(folder.resolve("log"));
        try (Wal wal = Wal.open(new NioDisk(log), ENTRIES_PER_SEGMENT, Runnable::run)) {
            wal.append(
                    0, codec.encode(new LogEntry(1, 0, new MasterValue(new NodeId("node_0"), 0))));
            for (int i = 1; i < entries; i++) {
                Update set = new Update.Set(Bytes.utf8("key_" + i), Bytes.utf8("value_" + i));
                ClientValue value =
                        new ClientValue(List.of(ByteString.copyOf(codec.encode(set))), false);
                wal.append(i, codec.encode(new LogEntry(1, i, value)));
                wal.force();
            }
        }
        return log;
    }

    /** A head snapshot of a store with a master and three keys, taken at index 3. */
    private Path writeHead() throws IOException {
        KvStore store = new KvStore(1024, UserFunctionRegistry.empty());
        store.apply(0, List.of(new Update.MasterSet("node_0")));
        for (int i = 1; i <= 3; i++) {
            store.apply(i, List.of(new Update.Set(Bytes.utf8("k" + i), Bytes.utf8("v"))));
        }
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        store.writeSnapshot(snapshot);
        Path dir = Files.createDirectory(folder.resolve("headdir"));
        try (Wal wal = Wal.open(new NioDisk(dir), ENTRIES_PER_SEGMENT, Runnable::run)) {
            wal.restartAfterHead(3, snapshot.toByteArray());
        }
        return dir.resolve("head.snap");
    }

    private static void flipByte(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x5a;
        Files.write(file, bytes);
    }
}
