package io.rarakoon.wal;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;

/**
 * Compresses one completed plain segment to {@code NNN.walz}: records are read and checked, written
 * through zstd to {@code NNN.walz.tmp}, the header is filled in, the file forced, renamed, the
 * directory forced, the catalog switched and only then the plain file deleted. A crash at any point
 * leaves the plain file, or a complete archive (which wins at open).
 */
final class Compressor {

    private Compressor() {}

    static void compress(Disk disk, Catalog catalog, long segment, int entriesPerSegment)
            throws IOException {
        String plainName = FileNames.plain(segment);
        String finalName = FileNames.compressed(segment);
        String tempName = FileNames.temp(finalName);
        if (disk.list().contains(tempName)) {
            disk.delete(tempName);
        }
        try (DiskFile plain = disk.open(plainName);
                DiskFile temp = disk.create(tempName)) {
            FileHeader.read(plain, plainName, FileKind.PLAIN_SEGMENT, entriesPerSegment);
            FileHeader header = writeBody(plain, plainName, temp, segment, entriesPerSegment);
            byte[] headerBytes = header.encode();
            temp.write(0, headerBytes, 0, headerBytes.length);
            temp.force();
        }
        disk.rename(tempName, finalName);
        disk.syncDirectory();
        catalog.markCompressed(segment);
        disk.delete(plainName);
    }

    private static FileHeader writeBody(
            DiskFile plain, String plainName, DiskFile temp, long segment, int entriesPerSegment)
            throws IOException {
        long size = plain.sizeBytes();
        RecordReader reader =
                new RecordReader(
                        DiskFileStreams.in(plain, FileHeader.BYTES, size), FileHeader.BYTES, size);
        temp.write(0, new byte[FileHeader.BYTES], 0, FileHeader.BYTES);
        DiskFileStreams.CountingOutput body =
                new DiskFileStreams.CountingOutput(temp, FileHeader.BYTES);
        IndexOrder order = new IndexOrder(plainName, segment, entriesPerSegment);
        int count = 0;
        long first = Wal.NO_INDEX;
        try (ZstdOutputStream zstd = new ZstdOutputStream(body, Limits.ZSTD_LEVEL)) {
            while (true) {
                RecordReader.Next next = reader.next();
                if (next instanceof RecordReader.Bad bad) {
                    throw bad.toException(plainName);
                }
                if (next instanceof RecordReader.End end) {
                    checkEndsAtFileEnd(plainName, end, size);
                    break;
                }
                RecordReader.Record record = (RecordReader.Record) next;
                order.check(record.entry().index(), record.offset());
                first = count == 0 ? record.entry().index() : first;
                count++;
                zstd.write(RecordCodec.encode(record.entry()));
            }
        }
        if (count == 0) {
            throw new IllegalStateException("completed segment " + plainName + " is empty");
        }
        return new FileHeader(
                FileKind.COMPRESSED_SEGMENT,
                segment,
                entriesPerSegment,
                count,
                first,
                order.lastIndex(),
                body.writtenBytes(),
                size - FileHeader.BYTES,
                body.crc());
    }

    /** A completed segment was cut to its last record, so zeros there are damage. */
    private static void checkEndsAtFileEnd(String plainName, RecordReader.End end, long size)
            throws CorruptLogException {
        if (end.offset() != size) {
            throw new CorruptLogException(
                    plainName,
                    end.offset(),
                    "a record or the end of a completed segment",
                    "end at " + size,
                    "zero bytes");
        }
    }
}
