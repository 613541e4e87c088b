package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of everything that reads WAL files: recovery ({@link Wal#open}),
 * reading every entry back through an {@link EntryCursor} across plain and zstd segments, the head
 * body, and {@link SegmentInspector} on every segment file. An input is a flag byte and then files,
 * each as kind (plain segment, compressed segment, head), segment number, a 16-bit length and the
 * bytes. With flag bit 0 the file headers' body length and checksums are made right, with bit 1 the
 * plain records' checksums too, so the fuzzer reaches the checks behind them. The only exception
 * allowed is {@link CorruptLogException}; entries must come back in ascending index order. Anything
 * else, an out-of-memory included, is a finding.
 *
 * <p>Seeds are real logs of {@value #ENTRIES_PER_SEGMENT} entries per segment: one with compressed
 * and plain segments, one restarted after an installed head. Without JAZZER_FUZZ the test replays
 * the seeds and the findings kept under {@code WalRecoveryFuzzTestInputs/fuzz} in the test
 * resources; the build's fuzz execution fuzzes for {@code fuzz.seconds}.
 */
class WalRecoveryFuzzTest {
    private static final int ENTRIES_PER_SEGMENT = 4;
    private static final int KIND_PLAIN = 0;
    private static final int KIND_COMPRESSED = 1;
    private static final int HEADER_BODY_BYTES_AT = 40;
    private static final int HEADER_BODY_CRC_AT = 56;
    private static final int HEADER_CRC_AT = 60;

    static List<byte[]> fuzz() throws IOException {
        MemoryDisk compressed = new MemoryDisk();
        ManualExecutor executor = new ManualExecutor();
        try (Wal wal = Wal.open(compressed, ENTRIES_PER_SEGMENT, executor)) {
            append(wal, 0, 10);
            executor.runAll();
        }
        MemoryDisk restarted = new MemoryDisk();
        try (Wal wal = Wal.open(restarted, ENTRIES_PER_SEGMENT, new ManualExecutor())) {
            append(wal, 0, 3);
            wal.restartAfterHead(5, new byte[] {1, 2, 3});
            append(wal, 6, 4);
        }
        return List.of(container(compressed), container(restarted));
    }

    private static void append(Wal wal, long from, int count) throws IOException {
        for (long index = from; index < from + count; index++) {
            wal.append(index, ("value-" + index).getBytes(StandardCharsets.UTF_8));
        }
        wal.force();
    }

    private static byte[] container(MemoryDisk disk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        for (String name : disk.list()) {
            byte[] bytes = readAll(disk, name);
            out.write(FileNames.isCompressed(name) ? KIND_COMPRESSED : kindOf(name));
            out.write((int) FileNames.segmentOf(name).orElse(0));
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.write(bytes);
        }
        return out.toByteArray();
    }

    private static int kindOf(String name) {
        return name.equals(FileNames.HEAD) ? 2 : KIND_PLAIN;
    }

    private static byte[] readAll(MemoryDisk disk, String name) throws IOException {
        try (DiskFile file = disk.open(name)) {
            byte[] bytes = new byte[(int) file.sizeBytes()];
            file.read(0, bytes, 0, bytes.length);
            return bytes;
        }
    }

    @MethodSource("fuzz")
    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        MemoryDisk disk = unpack(input);
        for (String name : disk.list()) {
            if (FileNames.segmentOf(name).isPresent()) {
                try {
                    SegmentInspector.inspect(disk, name, entry -> {});
                } catch (CorruptLogException expected) {
                    // The typed refusal `wal verify` reports.
                }
            }
        }
        try (Wal wal = Wal.open(disk, ENTRIES_PER_SEGMENT, new ManualExecutor())) {
            readEverything(wal);
        } catch (CorruptLogException expected) {
            // The typed refusal that stops the node.
        }
    }

    private static void readEverything(Wal wal) throws IOException {
        long previous = Wal.NO_INDEX;
        try (EntryCursor cursor = wal.entries(0)) {
            for (Optional<WalEntry> entry = cursor.next(); entry.isPresent(); ) {
                assertTrue(entry.get().index() > previous, "index " + entry.get().index());
                previous = entry.get().index();
                entry = cursor.next();
            }
        }
        if (wal.headIndex() != Wal.NO_INDEX) {
            try (InputStream head = wal.openHead()) {
                head.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    private static MemoryDisk unpack(byte[] input) throws IOException {
        MemoryDisk disk = new MemoryDisk();
        int flags = input[0];
        int at = 1;
        while (at + 4 <= input.length) {
            int kind = (input[at] & 0xff) % 3;
            int number = input[at + 1] & 0xff;
            int length =
                    Math.min(
                            ((input[at + 2] & 0xff) << 8) | (input[at + 3] & 0xff),
                            input.length - at - 4);
            byte[] bytes = Arrays.copyOfRange(input, at + 4, at + 4 + length);
            at += 4 + length;
            if ((flags & 2) != 0 && kind == KIND_PLAIN) {
                fixRecordChecksums(bytes);
            }
            if ((flags & 1) != 0 && bytes.length >= FileHeader.BYTES) {
                fixHeader(bytes, kind != KIND_PLAIN);
            }
            String name =
                    kind == KIND_PLAIN
                            ? FileNames.plain(number)
                            : kind == KIND_COMPRESSED
                                    ? FileNames.compressed(number)
                                    : FileNames.HEAD;
            try (DiskFile file = disk.create(name)) {
                file.write(0, bytes, 0, bytes.length);
                file.force();
            } catch (FileAlreadyExistsException duplicate) {
                // A second file of the same name is ignored.
            }
        }
        disk.syncDirectory();
        return disk;
    }

    private static void fixHeader(byte[] bytes, boolean hasBody) {
        ByteBuffer header = ByteBuffer.wrap(bytes);
        if (hasBody) {
            CRC32C body = new CRC32C();
            body.update(bytes, FileHeader.BYTES, bytes.length - FileHeader.BYTES);
            header.putLong(HEADER_BODY_BYTES_AT, bytes.length - FileHeader.BYTES);
            header.putInt(HEADER_BODY_CRC_AT, (int) body.getValue());
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, HEADER_CRC_AT);
        header.putInt(HEADER_CRC_AT, (int) crc.getValue());
    }

    private static void fixRecordChecksums(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int at = FileHeader.BYTES;
        while (at + RecordCodec.HEADER_BYTES <= bytes.length) {
            long index = buffer.getLong(at);
            int length = buffer.getInt(at + 8);
            if (length < 0 || length > bytes.length - at - RecordCodec.HEADER_BYTES) {
                return;
            }
            buffer.putInt(
                    at + 12, RecordCodec.crc(index, length, bytes, at + RecordCodec.HEADER_BYTES));
            at += RecordCodec.HEADER_BYTES + length;
        }
    }
}
