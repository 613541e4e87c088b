package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * MemoryDisk's crash model: unforced bytes and unsynced names are lost, tearing is a seeded prefix
 * of the pending writes, and handles from before a crash fail. Each test writes through the port,
 * crashes, and reads back.
 */
class MemoryDiskTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String content(Disk disk, String name) throws IOException {
        try (DiskFile file = disk.open(name)) {
            byte[] all = new byte[(int) file.sizeBytes()];
            file.read(0, all, 0, all.length);
            return new String(all, StandardCharsets.UTF_8);
        }
    }

    private static MemoryDisk diskWithDurableFile(String name, String text) throws IOException {
        MemoryDisk disk = new MemoryDisk();
        try (DiskFile file = disk.create(name)) {
            file.write(0, bytes(text), 0, text.length());
            file.force();
        }
        disk.syncDirectory();
        return disk;
    }

    @Test
    void crashDropsUnforcedBytesAndKeepsForcedOnes() throws IOException {
        MemoryDisk disk = diskWithDurableFile("a", "durable");
        try (DiskFile file = disk.open("a")) {
            file.write(7, bytes("-pending"), 0, 8);
            assertEquals(15, file.sizeBytes());
        }
        disk.crash();
        assertEquals("durable", content(disk, "a"));
    }

    @Test
    void crashRemovesFileCreatedWithoutDirectorySync() throws IOException {
        MemoryDisk disk = diskWithDurableFile("a", "x");
        try (DiskFile file = disk.create("b")) {
            file.write(0, bytes("forced"), 0, 6);
            file.force();
        }
        disk.crash();
        assertEquals(List.of("a"), disk.list());
    }

    @Test
    void crashRevertsUnsyncedRenameAndDelete() throws IOException {
        MemoryDisk disk = diskWithDurableFile("a", "first");
        disk.rename("a", "b");
        disk.crash();
        assertEquals(List.of("a"), disk.list());
        disk.delete("a");
        disk.crash();
        assertEquals(List.of("a"), disk.list());
        disk.rename("a", "c");
        disk.syncDirectory();
        disk.crash();
        assertEquals(List.of("c"), disk.list());
        assertEquals("first", content(disk, "c"));
    }

    @Test
    void renameOverExistingFileKeepsOldContentUntilDirectorySync() throws IOException {
        MemoryDisk disk = diskWithDurableFile("head", "old");
        try (DiskFile file = disk.create("head.tmp")) {
            file.write(0, bytes("new"), 0, 3);
            file.force();
        }
        disk.rename("head.tmp", "head");
        assertEquals("new", content(disk, "head"));
        disk.crash();
        assertEquals("old", content(disk, "head"));
    }

    @Test
    void tornCrashKeepsAPrefixOfPendingWritesDeterministically() throws IOException {
        for (long seed = 0; seed < 20; seed++) {
            String first = tornContent(seed);
            assertEquals(first, tornContent(seed), "same seed, same result");
            assertTrue("base0123456789abcdef".startsWith(first), first);
        }
    }

    private static String tornContent(long seed) throws IOException {
        MemoryDisk disk = diskWithDurableFile("a", "base");
        try (DiskFile file = disk.open("a")) {
            file.write(4, bytes("0123456789"), 0, 10);
            file.write(14, bytes("abcdef"), 0, 6);
        }
        disk.crash(new SplittableRandom(seed));
        return content(disk, "a");
    }

    @Test
    void truncationIsPendingUntilForced() throws IOException {
        MemoryDisk disk = diskWithDurableFile("a", "abcdef");
        try (DiskFile file = disk.open("a")) {
            file.truncate(2);
            assertEquals(2, file.sizeBytes());
        }
        disk.crash();
        assertEquals("abcdef", content(disk, "a"));
    }

    @Test
    void aCrashUndoesWritesAfterATruncationAndTearsOnlyIntoPrefixStates() throws IOException {
        java.util.Set<String> prefixStates =
                java.util.Set.of("abcdef", "ab", "abX", "abXY", "abXQ");
        for (long seed = -1; seed < 30; seed++) {
            MemoryDisk disk = diskWithDurableFile("a", "abcdef");
            try (DiskFile file = disk.open("a")) {
                file.truncate(2);
                file.write(2, bytes("XY"), 0, 2);
                file.write(3, bytes("Q"), 0, 1);
                assertEquals(4, file.sizeBytes());
            }
            if (seed < 0) {
                disk.crash();
                assertEquals("abcdef", content(disk, "a"));
            } else {
                disk.crash(new SplittableRandom(seed));
                String survived = content(disk, "a");
                assertTrue(prefixStates.contains(survived), survived);
            }
        }
    }

    @Test
    void aWritePastTheEndLeavesAZeroFilledHole() throws IOException {
        MemoryDisk disk = diskWithDurableFile("a", "ab");
        try (DiskFile file = disk.open("a")) {
            file.write(4, bytes("c"), 0, 1);
            file.force();
        }
        assertEquals("ab\0\0c", content(disk, "a"));
    }

    @Test
    void handlesFromBeforeACrashFail() throws IOException {
        MemoryDisk disk = diskWithDurableFile("a", "x");
        DiskFile file = disk.open("a");
        disk.crash();
        assertThrows(IOException.class, file::force);
    }

    @Test
    void reportsMissingAndExistingFiles() throws IOException {
        MemoryDisk disk = diskWithDurableFile("a", "x");
        assertThrows(NoSuchFileException.class, () -> disk.open("b"));
        assertThrows(FileAlreadyExistsException.class, () -> disk.create("a"));
        assertThrows(NoSuchFileException.class, () -> disk.delete("b"));
        byte[] into = new byte[4];
        try (DiskFile file = disk.open("a")) {
            assertEquals(-1, file.read(1, into, 0, 4));
            assertEquals(1, file.read(0, into, 0, 4));
        }
        assertArrayEquals(bytes("x"), new byte[] {into[0]});
    }
}
