package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The log's contract on MemoryDisk with 4 entries per segment: the append rule, group commit and
 * the durable index, reading across plain and compressed segments, the zeros written ahead of the
 * appends, recovery after crashes (lost unforced tail, torn tail, interrupted compression) and the
 * write refusal after a failure. Background jobs run only when a test runs its ManualExecutor.
 */
class WalTest {
    static final int PER_SEGMENT = 4;

    private final MemoryDisk disk = new MemoryDisk();
    private final ManualExecutor background = new ManualExecutor();

    static byte[] payload(long index) {
        return ("value-" + index).getBytes(StandardCharsets.UTF_8);
    }

    private Wal open() throws IOException {
        return Wal.open(disk, PER_SEGMENT, background);
    }

    static void appendRange(Wal wal, long from, long to) throws IOException {
        for (long index = from; index <= to; index++) {
            wal.append(index, payload(index));
        }
    }

    static List<Long> indexes(Wal wal, long from) throws IOException {
        List<Long> result = new ArrayList<>();
        try (EntryCursor cursor = wal.entries(from)) {
            for (var entry = cursor.next(); entry.isPresent(); entry = cursor.next()) {
                assertArrayEquals(payload(entry.get().index()), entry.get().payload());
                result.add(entry.get().index());
            }
        }
        return result;
    }

    private static List<Long> range(long from, long to) {
        List<Long> result = new ArrayList<>();
        for (long index = from; index <= to; index++) {
            result.add(index);
        }
        return result;
    }

    @Test
    void emptyDirectoryOpensAsEmptyLog() throws IOException {
        try (Wal wal = open()) {
            assertEquals(Wal.NO_INDEX, wal.firstIndex());
            assertEquals(Wal.NO_INDEX, wal.lastIndex());
            assertEquals(Wal.NO_INDEX, wal.durableIndex());
            assertEquals(Wal.NO_INDEX, wal.headIndex());
            assertEquals(List.of(), indexes(wal, 0));
            assertEquals(Optional.empty(), wal.read(0));
        }
    }

    @Test
    void forceMakesTheBatchDurableAndReportsItsLastIndex() throws IOException {
        try (Wal wal = open()) {
            appendRange(wal, 0, 2);
            assertEquals(Wal.NO_INDEX, wal.durableIndex());
            assertEquals(2, wal.force());
            assertEquals(2, wal.durableIndex());
            wal.append(3, payload(3));
            assertEquals(2, wal.durableIndex());
        }
    }

    @Test
    void readsBackAcrossPlainAndCompressedSegments() throws IOException {
        try (Wal wal = open()) {
            appendRange(wal, 0, 13);
            wal.force();
            assertEquals(range(0, 13), indexes(wal, 0));
            background.runAll();
            assertEquals(List.of("000.walz", "001.walz", "002.walz", "003.wal"), disk.list());
            assertEquals(range(5, 13), indexes(wal, 5));
            assertArrayEquals(payload(6), wal.read(6).orElseThrow());
            assertArrayEquals(payload(13), wal.read(13).orElseThrow());
            assertEquals(Optional.empty(), wal.read(14));
        }
        try (Wal reopened = open()) {
            assertEquals(0, reopened.firstIndex());
            assertEquals(13, reopened.lastIndex());
            assertEquals(13, reopened.durableIndex());
            assertEquals(range(0, 13), indexes(reopened, 0));
        }
    }

    @Test
    void aDuplicateIndexReplacesTheLastEntry() throws IOException {
        try (Wal wal = open()) {
            appendRange(wal, 0, 2);
            wal.append(2, "again".getBytes(StandardCharsets.UTF_8));
            wal.append(2, "thrice".getBytes(StandardCharsets.UTF_8));
            wal.append(3, payload(3));
            assertArrayEquals("thrice".getBytes(StandardCharsets.UTF_8), wal.read(2).orElseThrow());
            wal.force();
        }
        try (Wal reopened = open()) {
            assertArrayEquals(
                    "thrice".getBytes(StandardCharsets.UTF_8), reopened.read(2).orElseThrow());
            assertEquals(3, reopened.lastIndex());
        }
    }

    @Test
    void rejectsAnIndexThatDoesNotFollowAndNamesBoth() throws IOException {
        try (Wal wal = open()) {
            appendRange(wal, 5, 6);
            var error =
                    assertThrows(IllegalArgumentException.class, () -> wal.append(9, payload(9)));
            assertTrue(error.getMessage().contains("9") && error.getMessage().contains("6"));
            assertThrows(IllegalArgumentException.class, () -> wal.append(5, payload(5)));
            wal.append(7, payload(7));
        }
    }

    @Test
    void anEmptyLogAcceptsAnyFirstIndex() throws IOException {
        try (Wal wal = open()) {
            wal.append(4242, payload(4242));
            wal.force();
            assertEquals(4242, wal.firstIndex());
        }
        try (Wal reopened = open()) {
            assertEquals(List.of(4242L), indexes(reopened, 0));
        }
    }

    @Test
    void rejectsAPayloadOverTheLimitBeforeWriting() throws IOException {
        try (Wal wal = open()) {
            var error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> wal.append(0, new byte[Limits.PAYLOAD_BYTES_MAX + 1]));
            assertTrue(error.getMessage().contains("exceeds payloadBytesMax"));
            assertEquals(Wal.NO_INDEX, wal.lastIndex());
        }
    }

    @Test
    void writesARecordLargerThanTheAppendBuffer() throws IOException {
        byte[] large = new byte[Limits.APPEND_BUFFER_BYTES * 2];
        new SplittableRandom(1).nextBytes(large);
        try (Wal wal = open()) {
            wal.append(0, payload(0));
            wal.append(1, large);
            wal.append(2, payload(2));
            wal.force();
        }
        try (Wal reopened = open()) {
            assertArrayEquals(large, reopened.read(1).orElseThrow());
            assertArrayEquals(payload(2), reopened.read(2).orElseThrow());
        }
    }

    @Test
    void aCrashLosesOnlyWhatWasNotForced() throws IOException {
        Wal wal = open();
        appendRange(wal, 0, 5);
        wal.force();
        appendRange(wal, 6, 7);
        wal.entries(0).close(); // writes the buffer without forcing it
        disk.crash();
        try (Wal reopened = open()) {
            assertEquals(range(0, 5), indexes(reopened, 0));
            assertEquals(5, reopened.durableIndex());
            appendRange(reopened, 6, 9);
            reopened.force();
            assertEquals(range(0, 9), indexes(reopened, 0));
        }
    }

    @Test
    void startForceLeavesTheFsyncToTheSyncerAndTheNextCallWaitsForIt() throws Exception {
        ExecutorService syncer = Executors.newSingleThreadExecutor();
        try {
            Wal wal = open();
            appendRange(wal, 0, 2);
            wal.startForce(syncer);
            assertEquals(Wal.NO_INDEX, wal.durableIndex(), "durable only once the owner waited");
            wal.append(3, payload(3));
            assertEquals(2, wal.durableIndex());
            disk.crash();
            try (Wal reopened = open()) {
                assertEquals(range(0, 2), indexes(reopened, 0));
            }
        } finally {
            syncer.shutdownNow();
        }
    }

    @Test
    void entriesWhoseStartedFsyncHasNotRunAreLostInACrash() throws IOException {
        ManualExecutor syncer = new ManualExecutor();
        Wal wal = open();
        appendRange(wal, 0, 1);
        wal.force();
        wal.append(2, payload(2));
        wal.startForce(syncer);
        assertEquals(1, syncer.pendingCount());
        disk.crash();
        try (Wal reopened = open()) {
            assertEquals(range(0, 1), indexes(reopened, 0));
        }
    }

    @Test
    void aStartedFsyncThatFailsFailsTheNextCallAndTheLogRefusesWrites() throws IOException {
        try (Wal wal = open()) {
            wal.append(0, payload(0));
            wal.force();
        }
        long forceAtOpen = 0; // then the record's write and the zeros ahead of it, then the force
        FaultyDisk faulty = new FaultyDisk(disk, forceAtOpen + 3);
        Wal wal = Wal.open(faulty, PER_SEGMENT, background);
        wal.append(1, payload(1));
        wal.startForce(Runnable::run);
        assertTrue(faulty.failed(), "the syncer's fsync failed");
        assertThrows(IOException.class, () -> wal.append(2, payload(2)));
        var error = assertThrows(IOException.class, () -> wal.append(2, payload(2)));
        assertTrue(error.getMessage().contains("failed earlier"));
        assertEquals(0, wal.durableIndex());
    }

    private long sizeOf(String name) throws IOException {
        try (DiskFile file = disk.open(name)) {
            return file.sizeBytes();
        }
    }

    private static long recordsBytes(long from, long to) {
        long bytes = 0;
        for (long index = from; index <= to; index++) {
            bytes += RecordCodec.recordBytes(payload(index).length);
        }
        return bytes;
    }

    @Test
    void zerosWrittenAheadAreCutAtOpenAtARollAndAtClose() throws IOException {
        Wal wal = open();
        appendRange(wal, 0, 2);
        wal.force();
        assertEquals(Limits.PREALLOCATE_BYTES, sizeOf("000.wal"));
        disk.crash();
        try (Wal reopened = open()) {
            assertEquals(FileHeader.BYTES + recordsBytes(0, 2), sizeOf("000.wal"));
            assertEquals(range(0, 2), indexes(reopened, 0));
            appendRange(reopened, 3, 5);
            reopened.force();
            assertEquals(FileHeader.BYTES + recordsBytes(0, 3), sizeOf("000.wal"));
            assertEquals(Limits.PREALLOCATE_BYTES, sizeOf("001.wal"));
            assertEquals(range(0, 5), indexes(reopened, 0));
        }
        assertEquals(FileHeader.BYTES + recordsBytes(4, 5), sizeOf("001.wal"));
    }

    @Test
    void aTornTailIsTruncatedAndEverythingForcedSurvives() throws IOException {
        for (long seed = 0; seed < 30; seed++) {
            MemoryDisk seeded = new MemoryDisk();
            Wal wal = Wal.open(seeded, 100, background);
            appendRange(wal, 0, 9);
            wal.force();
            appendRange(wal, 10, 19);
            wal.entries(0).close();
            seeded.crash(new SplittableRandom(seed));
            try (Wal reopened = Wal.open(seeded, 100, background)) {
                List<Long> recovered = indexes(reopened, 0);
                assertTrue(recovered.size() >= 10, "seed " + seed + ": " + recovered);
                assertEquals(range(0, recovered.size() - 1), recovered, "seed " + seed);
                appendRange(reopened, recovered.size(), 25);
                reopened.force();
                assertEquals(range(0, 25), indexes(reopened, 0));
            }
        }
    }

    @Test
    void aLastEntryReplacedAfterATornTailWasCutSurvivesTheNextCrash() throws IOException {
        byte[] replacement = "replacement".getBytes(StandardCharsets.UTF_8);
        for (long seed = 0; seed < 30; seed++) {
            MemoryDisk seeded = new MemoryDisk();
            Wal wal = Wal.open(seeded, 18, background);
            appendRange(wal, 0, 9);
            wal.force();
            appendRange(wal, 10, 12);
            seeded.crash(new SplittableRandom(seed));
            long last;
            try (Wal reopened = Wal.open(seeded, 18, background)) {
                last = reopened.lastIndex();
                reopened.append(last, replacement);
                reopened.force();
            }
            seeded.crash(new SplittableRandom(seed + 1));
            try (Wal recovered = Wal.open(seeded, 18, background)) {
                assertEquals(last, recovered.lastIndex(), "seed " + seed);
                assertArrayEquals(replacement, recovered.read(last).orElseThrow(), "seed " + seed);
            }
        }
    }

    @Test
    void aCrashRightAfterStartingASegmentReopensCleanly() throws IOException {
        Wal wal = open();
        appendRange(wal, 0, 4);
        disk.crash(); // 000.wal forced on roll, 001.wal created with a synced name, 4 lost
        try (Wal reopened = open()) {
            assertEquals(range(0, 3), indexes(reopened, 0));
            assertEquals(List.of("000.wal"), disk.list());
            reopened.append(3, payload(3));
            appendRange(reopened, 4, 5);
            reopened.force();
            assertEquals(range(0, 5), indexes(reopened, 0));
        }
    }

    @Test
    void theLastEntryCanBeReplacedAfterACrashUndidTheStartOfANewSegment() throws IOException {
        // Regression (found by WalPropertyTest): 000 was compressed while 4 was not durable, so
        // after the crash index 3 had to be replaced inside a compressed segment.
        Wal wal = open();
        appendRange(wal, 0, 4);
        background.runAll();
        disk.crash();
        try (Wal reopened = open()) {
            reopened.append(3, "again".getBytes(StandardCharsets.UTF_8));
            reopened.force();
        }
        try (Wal reopened = open()) {
            assertArrayEquals(
                    "again".getBytes(StandardCharsets.UTF_8), reopened.read(3).orElseThrow());
        }
    }

    @Test
    void anInterruptedCompressionFinishesAtOpen() throws IOException {
        MemoryDisk plainOnly = new MemoryDisk();
        try (Wal wal = Wal.open(plainOnly, PER_SEGMENT, new ManualExecutor())) {
            appendRange(wal, 0, 5);
        }
        try (Wal wal = open()) {
            appendRange(wal, 0, 5);
            wal.force();
            background.runAll();
        }
        assertEquals(List.of("000.walz", "001.wal"), disk.list());
        copyFile(plainOnly, disk, "000.wal");
        try (Wal reopened = open()) {
            assertEquals(List.of("000.walz", "001.wal"), disk.list());
            assertEquals(range(0, 5), indexes(reopened, 0));
        }
    }

    static void copyFile(Disk from, Disk to, String name) throws IOException {
        try (DiskFile source = from.open(name);
                DiskFile target = to.create(name)) {
            byte[] all = new byte[(int) source.sizeBytes()];
            source.read(0, all, 0, all.length);
            target.write(0, all, 0, all.length);
            target.force();
        }
        to.syncDirectory();
    }

    @Test
    void compressionAtOpenCoversSegmentsLeftPlain() throws IOException {
        try (Wal wal = open()) {
            appendRange(wal, 0, 9);
        }
        ManualExecutor atOpen = new ManualExecutor();
        try (Wal reopened = Wal.open(disk, PER_SEGMENT, atOpen)) {
            assertEquals(1, atOpen.pendingCount());
            atOpen.runAll();
            assertEquals(List.of("000.walz", "001.walz", "002.wal"), disk.list());
            assertEquals(range(0, 9), indexes(reopened, 0));
        }
    }

    @Test
    void refusesWritesAfterAFailedForce() throws IOException {
        try (Wal wal = open()) {
            wal.append(0, payload(0));
            wal.force();
        }
        long mutationsToFirstForce = 1; // the write of the buffered record, then the force
        Wal wal =
                Wal.open(new FaultyDisk(disk, mutationsToFirstForce + 1), PER_SEGMENT, background);
        wal.append(1, payload(1));
        assertThrows(IOException.class, wal::force);
        var error = assertThrows(IOException.class, () -> wal.append(2, payload(2)));
        assertTrue(error.getMessage().contains("failed earlier"));
    }

    @Test
    void cursorsPinTheirSegmentsAndDeduplicate() throws IOException {
        try (Wal wal = open()) {
            appendRange(wal, 0, 9);
            try (SegmentPin pin = wal.pin(5)) {
                assertEquals(1, pin.segment());
            }
            try (EntryCursor cursor = wal.entries(8)) {
                assertEquals(8, cursor.next().orElseThrow().index());
                wal.append(10, payload(10));
                assertEquals(9, cursor.next().orElseThrow().index());
                assertFalse(cursor.next().isPresent(), "bounded by the last index at creation");
            }
        }
    }

    @Test
    void inspectorVerifiesAndDumpsPlainAndCompressedSegments() throws IOException {
        try (Wal wal = open()) {
            appendRange(wal, 0, 5);
            wal.append(5, payload(5));
            wal.force();
            background.runAll();
        }
        List<Long> seen = new ArrayList<>();
        var compressed = SegmentInspector.inspect(disk, "000.walz", e -> seen.add(e.index()));
        var plain = SegmentInspector.inspect(disk, "001.wal", e -> seen.add(e.index()));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 5L), seen);
        assertEquals(new SegmentInspector.Summary("000.walz", true, 0, 4, 4, 0, 3), compressed);
        assertEquals(new SegmentInspector.Summary("001.wal", false, 1, 4, 3, 4, 5), plain);
    }

    @Test
    void rejectsEntriesPerSegmentOutsideItsLimits() {
        assertThrows(IllegalArgumentException.class, () -> Wal.open(disk, 1, background));
        assertThrows(
                IllegalArgumentException.class,
                () -> Wal.open(disk, Limits.ENTRIES_PER_SEGMENT_MAX + 1, background));
    }
}
