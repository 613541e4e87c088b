package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NioDisk against a temporary directory: every port operation once, including fsyncs. */
class NioDiskTest {

    @TempDir Path directory;

    @Test
    void writesReadsRenamesAndDeletesFiles() throws IOException {
        NioDisk disk = new NioDisk(directory);
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        try (DiskFile file = disk.create("b.tmp")) {
            file.write(0, data, 0, data.length);
            file.write(5, data, 0, 2);
            file.force();
            assertEquals(7, file.sizeBytes());
            file.truncate(5);
            byte[] back = new byte[10];
            assertEquals(5, file.read(0, back, 0, 10));
            assertEquals(-1, file.read(5, back, 0, 1));
        }
        disk.rename("b.tmp", "b");
        disk.syncDirectory();
        Files.createDirectory(directory.resolve("ignored-subdirectory"));
        assertEquals(List.of("b"), disk.list());
        assertThrows(FileAlreadyExistsException.class, () -> disk.create("b"));
        assertThrows(IllegalArgumentException.class, () -> disk.open("../b"));
        disk.delete("b");
        assertEquals(List.of(), disk.list());
    }

    @Test
    void theLogAppendsCompressesCollapsesAndReopensOnRealFiles() throws Exception {
        NioDisk disk = new NioDisk(directory);
        ManualExecutor background = new ManualExecutor();
        try (Wal wal = Wal.open(disk, 4, background)) {
            WalTest.appendRange(wal, 0, 21);
            wal.force();
            background.runAll();
            new Collapser(wal, FakeHead::new, 1, 1).collapse(1, CollapseProgress.IGNORE);
        }
        assertEquals(List.of("004.walz", "005.wal", "head.snap"), disk.list());
        try (Wal reopened = Wal.open(disk, 4, background)) {
            assertEquals(CollapserTest.history(0, 21), FakeHead.rebuiltState(reopened));
        }
        var summary = SegmentInspector.inspect(directory.resolve("004.walz"), entry -> {});
        assertEquals(16, summary.firstIndex());
    }

    @Test
    void rejectsAPathThatIsNotADirectory() {
        assertThrows(IOException.class, () -> new NioDisk(directory.resolve("missing")));
    }
}
