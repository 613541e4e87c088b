package io.rarakoon.wal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Verifies and dumps one segment file, plain or compressed, for {@code rarakoon wal verify} and
 * {@code rarakoon wal dump}. Strict: unlike recovery it never truncates; a torn tail is reported as
 * corruption. Any thread; the file must not be written meanwhile.
 */
public final class SegmentInspector {

    /** What a verified segment file holds; first and last are {@link Wal#NO_INDEX} if empty. */
    public record Summary(
            String fileName,
            boolean compressed,
            long segment,
            int entriesPerSegment,
            long recordCount,
            long firstIndex,
            long lastIndex) {}

    private SegmentInspector() {}

    /**
     * Verifies the segment file at {@code path} and passes every record to {@code visitor}, in file
     * order (duplicates included).
     *
     * @throws CorruptLogException naming file, offset, expected and actual
     * @throws IOException on an I/O failure
     */
    public static Summary inspect(Path path, Consumer<WalEntry> visitor) throws IOException {
        Path directory = path.toAbsolutePath().getParent();
        return inspect(new NioDisk(directory), path.getFileName().toString(), visitor);
    }

    /** As {@link #inspect(Path, Consumer)}, for the file {@code fileName} of {@code disk}. */
    public static Summary inspect(Disk disk, String fileName, Consumer<WalEntry> visitor)
            throws IOException {
        boolean compressed = FileNames.isCompressed(fileName);
        FileKind kind = compressed ? FileKind.COMPRESSED_SEGMENT : FileKind.PLAIN_SEGMENT;
        try (DiskFile file = disk.open(fileName)) {
            FileHeader header = FileHeader.read(file, fileName, kind);
            long size = file.sizeBytes();
            RecordReader reader;
            if (compressed) {
                int crc = DiskFileStreams.crc(file, FileHeader.BYTES, size);
                if (crc != header.bodyCrc() || header.bodyBytes() != size - FileHeader.BYTES) {
                    throw new CorruptLogException(
                            fileName,
                            FileHeader.BYTES,
                            "compressed body checksum",
                            FileHeader.hex(header.bodyCrc()),
                            FileHeader.hex(crc));
                }
                reader =
                        new RecordReader(
                                DiskFileStreams.decompressed(
                                        file, fileName, FileHeader.BYTES, size),
                                FileHeader.BYTES,
                                FileHeader.BYTES + header.rawBytes());
            } else {
                reader =
                        new RecordReader(
                                DiskFileStreams.in(file, FileHeader.BYTES, size),
                                FileHeader.BYTES,
                                size);
            }
            return readAll(fileName, header, reader, visitor);
        }
    }

    private static Summary readAll(
            String fileName, FileHeader header, RecordReader reader, Consumer<WalEntry> visitor)
            throws IOException {
        IndexOrder order = new IndexOrder(fileName, header.number(), header.entriesPerSegment());
        long count = 0;
        long first = Wal.NO_INDEX;
        while (true) {
            RecordReader.Next next = reader.next();
            if (next instanceof RecordReader.Bad bad) {
                throw bad.toException(fileName);
            }
            if (!(next instanceof RecordReader.Record record)) {
                break;
            }
            order.check(record.entry().index(), record.offset());
            first = count == 0 ? record.entry().index() : first;
            count++;
            visitor.accept(record.entry());
        }
        boolean compressed = header.kind() == FileKind.COMPRESSED_SEGMENT;
        long last = count == 0 ? Wal.NO_INDEX : order.lastIndex();
        if (compressed && (count != header.entryCount() || last != header.lastIndex())) {
            throw new CorruptLogException(
                    fileName,
                    20,
                    "entry count and last index in the header",
                    count + " and " + last,
                    header.entryCount() + " and " + header.lastIndex());
        }
        return new Summary(
                fileName,
                compressed,
                header.number(),
                header.entriesPerSegment(),
                count,
                first,
                last);
    }
}
