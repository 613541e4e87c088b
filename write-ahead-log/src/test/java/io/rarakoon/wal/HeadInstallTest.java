package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Wal#restartAfterHead}: a head received from a peer replaces the whole log, appends
 * continue after it, a later collapse folds them into a new head, and a power cut at every mutation
 * of the install (through FaultyDisk, then a MemoryDisk crash) reopens either to the old log or to
 * the new head with no segment left.
 */
class HeadInstallTest {
    private static final int PER_SEGMENT = 4;
    private static final byte[] SNAPSHOT = "head at 20".getBytes(StandardCharsets.UTF_8);

    @Test
    void installReplacesTheLogAndAppendsContinueAfterTheHead() throws IOException {
        MemoryDisk disk = new MemoryDisk();
        try (Wal wal = Wal.open(disk, PER_SEGMENT, Runnable::run)) {
            WalTest.appendRange(wal, 0, 9);
            wal.force();
            wal.restartAfterHead(20, SNAPSHOT);
            assertEquals(List.of("head.snap"), disk.list());
            WalTest.appendRange(wal, 21, 23);
            wal.force();
        }
        try (Wal wal = Wal.open(disk, PER_SEGMENT, Runnable::run)) {
            assertEquals(20, wal.headIndex());
            assertEquals(21, wal.firstIndex());
            assertEquals(23, wal.lastIndex());
            assertEquals(List.of(21L, 22L, 23L), WalTest.indexes(wal, 0));
            assertArrayEquals(SNAPSHOT, head(wal));
        }
    }

    @Test
    void aCollapseAfterAnInstallFoldsTheEntriesThatFollowedTheHead() throws Exception {
        MemoryDisk disk = new MemoryDisk();
        FakeHead peer = new FakeHead();
        for (long index = 0; index <= 20; index++) {
            peer.apply(index, WalTest.payload(index));
        }
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        peer.write(snapshot);
        try (Wal wal = Wal.open(disk, PER_SEGMENT, Runnable::run)) {
            wal.restartAfterHead(20, snapshot.toByteArray());
            WalTest.appendRange(wal, 21, 40);
            wal.force();
            new Collapser(wal, FakeHead::new, 1, 2).collapse(1, CollapseProgress.IGNORE);
            assertTrue(wal.headIndex() > 20, "the collapse moved the head past the installed one");
        }
        try (Wal wal = Wal.open(disk, PER_SEGMENT, Runnable::run)) {
            assertEquals(CollapserTest.history(0, 40), FakeHead.rebuiltState(wal));
        }
    }

    @Test
    void refusesAHeadThatDoesNotCoverTheLog() throws IOException {
        MemoryDisk disk = new MemoryDisk();
        try (Wal wal = Wal.open(disk, PER_SEGMENT, Runnable::run)) {
            WalTest.appendRange(wal, 0, 9);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> wal.restartAfterHead(8, SNAPSHOT));
            assertEquals("head index 8 does not cover the last index 9", e.getMessage());
        }
    }

    @Test
    void aCrashAtEveryStepOfAnInstallReopensToTheOldLogOrTheNewHead() throws IOException {
        boolean completed = false;
        for (long failAt = 0; !completed && failAt < 1000; failAt++) {
            MemoryDisk disk = new MemoryDisk();
            try (Wal wal = Wal.open(disk, PER_SEGMENT, Runnable::run)) {
                WalTest.appendRange(wal, 0, 9);
            }
            completed = installThrough(new FaultyDisk(disk, failAt));
            disk.crash();
            try (Wal wal = Wal.open(disk, PER_SEGMENT, Runnable::run)) {
                if (wal.headIndex() == 20) {
                    assertArrayEquals(SNAPSHOT, head(wal));
                    assertEquals(Wal.NO_INDEX, wal.lastIndex(), "cut at " + failAt);
                    WalTest.appendRange(wal, 21, 21);
                    assertEquals(List.of(21L), WalTest.indexes(wal, 0));
                } else {
                    assertEquals(Wal.NO_INDEX, wal.headIndex(), "cut at " + failAt);
                    assertEquals(WalTest.indexes(wal, 0).size(), 10, "cut at " + failAt);
                }
            }
        }
        assertTrue(completed, "the install completes once no step fails");
    }

    private static boolean installThrough(Disk disk) throws IOException {
        Wal wal;
        try {
            wal = Wal.open(disk, PER_SEGMENT, Runnable::run);
        } catch (IOException e) {
            return false;
        }
        try {
            wal.restartAfterHead(20, SNAPSHOT);
            wal.close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] head(Wal wal) throws IOException {
        try (InputStream in = wal.openHead()) {
            return in.readAllBytes();
        }
    }
}
