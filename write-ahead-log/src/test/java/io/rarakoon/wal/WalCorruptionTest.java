package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Damaged and foreign files on MemoryDisk with 4 entries per segment (log 0..13: segments 0..2
 * completed, 3 current). A byte is flipped in each region of a plain segment, a compressed segment
 * and the head file, or a file is replaced, emptied, cut, or given a huge length; open must fail
 * with CorruptLogException naming the file and offset, except for a bad last record of the newest
 * segment, which is treated as a torn tail and truncated.
 */
class WalCorruptionTest {
    private static final int PER_SEGMENT = 4;
    private static final int FIRST_RECORD = FileHeader.BYTES;
    private static final int RECORD_BYTES = RecordCodec.recordBytes(WalTest.payload(4).length);

    private final MemoryDisk disk = new MemoryDisk();

    private void buildLog(boolean compress, boolean collapse) throws Exception {
        ManualExecutor background = new ManualExecutor();
        try (Wal wal = Wal.open(disk, PER_SEGMENT, background)) {
            WalTest.appendRange(wal, 0, 13);
            wal.force();
            if (compress) {
                background.runAll();
            }
            if (collapse) {
                new Collapser(wal, FakeHead::new, 1, 1).collapse(1, CollapseProgress.IGNORE);
            }
        }
    }

    private void flip(String name, long offset) throws IOException {
        try (DiskFile file = disk.open(name)) {
            byte[] one = new byte[1];
            assertEquals(1, file.read(offset, one, 0, 1), "offset inside " + name);
            one[0] ^= (byte) 0x5a;
            file.write(offset, one, 0, 1);
            file.force();
        }
    }

    private void replace(String name, byte[] content) throws IOException {
        disk.delete(name);
        try (DiskFile file = disk.create(name)) {
            file.write(0, content, 0, content.length);
            file.force();
        }
        disk.syncDirectory();
    }

    private CorruptLogException openFails(String name, long offset, String what) {
        var error =
                assertThrows(
                        CorruptLogException.class,
                        () -> Wal.open(disk, PER_SEGMENT, new ManualExecutor()).close());
        String message = error.getMessage();
        assertTrue(message.startsWith(name + " at offset " + offset + ": "), message);
        assertTrue(message.contains(what) && message.contains("expected"), message);
        return error;
    }

    @Test
    void aFlipInEachRegionOfAPlainSegmentIsReported() throws Exception {
        buildLog(false, false);
        record Region(long offset, long reportedOffset, String what) {}
        List<Region> regions =
                List.of(
                        new Region(0, 0, "magic"),
                        new Region(5, 4, "version"),
                        new Region(7, 60, "header checksum"),
                        new Region(9, 60, "header checksum"),
                        new Region(17, 60, "header checksum"),
                        new Region(61, 60, "header checksum"),
                        new Region(FIRST_RECORD + 3, FIRST_RECORD, "record checksum"),
                        new Region(FIRST_RECORD + 9, FIRST_RECORD, "record extends past the end"),
                        new Region(FIRST_RECORD + 13, FIRST_RECORD, "record checksum"),
                        new Region(FIRST_RECORD + 17, FIRST_RECORD, "record checksum"),
                        new Region(
                                FIRST_RECORD + 3L * RECORD_BYTES + 20,
                                FIRST_RECORD + 3L * RECORD_BYTES,
                                "record checksum"));
        for (Region region : regions) {
            flip("001.wal", region.offset());
            openFails("001.wal", region.reportedOffset(), region.what());
            flip("001.wal", region.offset());
        }
        Wal.open(disk, PER_SEGMENT, new ManualExecutor()).close(); // flipped back: opens again
    }

    @Test
    void aBadRecordFollowedByAGoodOneInTheNewestSegmentIsCorruption() throws Exception {
        buildLog(false, false);
        flip("003.wal", FIRST_RECORD + 20);
        openFails("003.wal", FIRST_RECORD, "record checksum");
    }

    private void writeZeros(String name, long offset, int length) throws IOException {
        try (DiskFile file = disk.open(name)) {
            file.write(offset, new byte[length], 0, length);
            file.force();
        }
    }

    @Test
    void zerosFollowedByARecordInTheNewestSegmentAreCorruption() throws Exception {
        buildLog(false, false);
        writeZeros("003.wal", FIRST_RECORD, RECORD_BYTES);
        openFails("003.wal", FIRST_RECORD, "record header");
    }

    @Test
    void zerosAfterTheLastRecordOfACompletedSegmentAreCorruption() throws Exception {
        buildLog(false, false);
        writeZeros("001.wal", FIRST_RECORD + 4L * RECORD_BYTES, 100);
        openFails("001.wal", FIRST_RECORD + 4L * RECORD_BYTES, "record header");
    }

    @Test
    void aBadLastRecordOfTheNewestSegmentIsTruncatedAsATornTail() throws Exception {
        buildLog(false, false);
        flip("003.wal", FIRST_RECORD + RECORD_BYTES + 20);
        try (Wal wal = Wal.open(disk, PER_SEGMENT, new ManualExecutor())) {
            assertEquals(12, wal.lastIndex());
            WalTest.appendRange(wal, 13, 14);
            wal.force();
        }
        try (Wal wal = Wal.open(disk, PER_SEGMENT, new ManualExecutor())) {
            assertEquals(14, wal.lastIndex());
            assertEquals(15, WalTest.indexes(wal, 0).size());
        }
    }

    @Test
    void aFlipInEachRegionOfACompressedSegmentIsReported() throws Exception {
        buildLog(true, false);
        long size;
        try (DiskFile file = disk.open("001.walz")) {
            size = file.sizeBytes();
        }
        long[][] regions = {{0, 0}, {9, 60}, {25, 60}, {41, 60}, {57, 60}, {62, 60}};
        for (long[] region : regions) {
            flip("001.walz", region[0]);
            openFails("001.walz", region[1], region[1] == 0 ? "magic" : "header checksum");
            flip("001.walz", region[0]);
        }
        for (long offset : new long[] {FIRST_RECORD, FIRST_RECORD + 7, size - 1}) {
            flip("001.walz", offset);
            openFails("001.walz", FIRST_RECORD, "compressed body checksum");
            flip("001.walz", offset);
        }
        Wal.open(disk, PER_SEGMENT, new ManualExecutor()).close();
    }

    @Test
    void aFlipInEachRegionOfTheHeadFileIsReported() throws Exception {
        buildLog(true, true);
        long size;
        try (DiskFile file = disk.open(FileNames.HEAD)) {
            size = file.sizeBytes();
        }
        flip(FileNames.HEAD, 0);
        openFails(FileNames.HEAD, 0, "magic");
        flip(FileNames.HEAD, 0);
        for (long offset : new long[] {6, 9, 41, 57, 63}) {
            flip(FileNames.HEAD, offset);
            openFails(FileNames.HEAD, 60, "header checksum");
            flip(FileNames.HEAD, offset);
        }
        for (long offset : new long[] {FIRST_RECORD, size - 1}) {
            flip(FileNames.HEAD, offset);
            openFails(FileNames.HEAD, FIRST_RECORD, "body checksum");
            flip(FileNames.HEAD, offset);
        }
        Wal.open(disk, PER_SEGMENT, new ManualExecutor()).close();
    }

    @Test
    void aFileThatIsNotOursIsRejected() throws Exception {
        buildLog(false, false);
        byte[] foreign = new byte[300];
        new java.util.SplittableRandom(7).nextBytes(foreign);
        replace("001.wal", foreign);
        openFails("001.wal", 0, "not a WAL file");
    }

    @Test
    void anEmptySegmentFileIsRejected() throws Exception {
        buildLog(false, false);
        replace("003.wal", new byte[0]);
        openFails("003.wal", 0, "file shorter than its header");
        replace("001.wal", new byte[0]);
        openFails("001.wal", 0, "file shorter than its header");
    }

    @Test
    void aTruncatedCompletedSegmentIsRejected() throws Exception {
        buildLog(true, false);
        try (DiskFile file = disk.open("001.walz")) {
            file.truncate(file.sizeBytes() - 3);
            file.force();
        }
        openFails("001.walz", 40, "compressed body length");
    }

    @Test
    void aTruncatedPlainSegmentThatIsNotTheNewestIsRejected() throws Exception {
        buildLog(false, false);
        try (DiskFile file = disk.open("001.wal")) {
            file.truncate(file.sizeBytes() - 3);
            file.force();
        }
        openFails("001.wal", FIRST_RECORD + 3L * RECORD_BYTES, "record extends past the end");
    }

    @Test
    void anOversizedEntryLengthIsRejectedBeforeAllocating() throws Exception {
        buildLog(false, false);
        byte[] huge = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array();
        try (DiskFile file = disk.open("001.wal")) {
            file.write(FIRST_RECORD + 8, huge, 0, 4);
            file.force();
        }
        var error = openFails("001.wal", FIRST_RECORD, "payloadBytesMax");
        assertTrue(error.getMessage().contains(String.valueOf(Integer.MAX_VALUE)));
    }

    @Test
    void aMissingSegmentIsAGap() throws Exception {
        buildLog(false, false);
        disk.delete("001.wal");
        openFails("002.wal", 0, "segment number after 0");
    }

    @Test
    void anIndexOutsideItsSegmentIsRejected() throws Exception {
        buildLog(false, false);
        byte[] stale = RecordCodec.encode(new WalEntry(5, WalTest.payload(8)));
        try (DiskFile file = disk.open("002.wal")) {
            file.write(FIRST_RECORD, stale, 0, stale.length);
            file.force();
        }
        openFails("002.wal", FIRST_RECORD, "index within the segment");
    }

    @Test
    void anIndexGapAcrossFilesIsRejected() throws Exception {
        buildLog(false, false);
        byte[] skipping = RecordCodec.encode(new WalEntry(9, WalTest.payload(8)));
        try (DiskFile file = disk.open("002.wal")) {
            file.write(FIRST_RECORD, skipping, 0, skipping.length);
            file.force();
        }
        openFails("002.wal", FIRST_RECORD, "index after 7");
    }

    @Test
    void aDifferentEntriesPerSegmentIsRejected() throws Exception {
        buildLog(false, false);
        var error =
                assertThrows(
                        CorruptLogException.class, () -> Wal.open(disk, 8, new ManualExecutor()));
        assertTrue(error.getMessage().contains("entries per segment: expected 8, actual 4"));
    }
}
