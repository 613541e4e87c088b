package io.rarakoon.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the files of a WAL directory and checks them (spec §3.7 port note). Temporary files are
 * deleted, interrupted compressions finished (the archive wins), every segment's header and index
 * order and every archive's checksum verified, the unused preallocated space (zeros) after the
 * newest segment's last record cut, and a torn or checksum-failing record at the very end of the
 * newest segment truncated when nothing valid follows it. Everything else that is wrong throws
 * {@link CorruptLogException}.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** What the directory holds after recovery. */
    record Result(List<Catalog.Segment> segments, long headIndex) {}

    private final Disk disk;
    private final int entriesPerSegment;
    private boolean directoryChanged;

    private Recovery(Disk disk, int entriesPerSegment) {
        this.disk = disk;
        this.entriesPerSegment = entriesPerSegment;
    }

    static Result run(Disk disk, int entriesPerSegment) throws IOException {
        return new Recovery(disk, entriesPerSegment).run();
    }

    private Result run() throws IOException {
        TreeMap<Long, String> files = new TreeMap<>();
        boolean headPresent = false;
        for (String name : disk.list()) {
            OptionalLong segment = FileNames.segmentOf(name);
            if (FileNames.isTemp(name)) {
                disk.delete(name);
                directoryChanged = true;
            } else if (name.equals(FileNames.HEAD)) {
                headPresent = true;
            } else if (segment.isPresent()) {
                addSegmentFile(files, segment.getAsLong(), name);
            }
        }
        HeadFile.Verified head =
                headPresent
                        ? HeadFile.verify(disk, entriesPerSegment)
                        : new HeadFile.Verified(Wal.NO_INDEX, 0);
        long headIndex = head.headIndex();
        if (directoryChanged) {
            disk.syncDirectory();
        }
        List<Catalog.Segment> segments = checkSegments(files);
        dropEmptyNewest(segments);
        if (head.logRestartIndex() != 0) {
            dropSuperseded(segments, head.logRestartIndex());
        }
        long first = segments.isEmpty() ? Wal.NO_INDEX : segments.get(0).firstIndex();
        if (headIndex != Wal.NO_INDEX && first != Wal.NO_INDEX && first > headIndex + 1) {
            throw new CorruptLogException(
                    files.firstEntry().getValue(),
                    FileHeader.BYTES,
                    "first index at most head index + 1",
                    "<= " + (headIndex + 1),
                    first);
        }
        return new Result(segments, headIndex);
    }

    /**
     * Deletes the segments whose entries all come before {@code restartIndex}: a head installed
     * from a peer superseded them and a crash interrupted their deletion.
     */
    private void dropSuperseded(List<Catalog.Segment> segments, long restartIndex)
            throws IOException {
        boolean dropped = false;
        while (!segments.isEmpty()
                && !segments.get(0).isEmpty()
                && segments.get(0).lastIndex() < restartIndex) {
            Catalog.Segment segment = segments.remove(0);
            LOG.info("deleting {}: superseded by the installed head", segment.fileName());
            disk.delete(segment.fileName());
            dropped = true;
        }
        if (dropped) {
            disk.syncDirectory();
        }
    }

    /** Records a segment file; when plain and compressed both exist the archive wins. */
    private void addSegmentFile(TreeMap<Long, String> files, long segment, String name)
            throws IOException {
        String other = files.get(segment);
        if (other == null) {
            files.put(segment, name);
            return;
        }
        String compressed = FileNames.isCompressed(name) ? name : other;
        String plain = FileNames.isCompressed(name) ? other : name;
        checkCompressed(compressed, segment, Wal.NO_INDEX);
        LOG.info("finishing the interrupted compression of {}: deleting {}", compressed, plain);
        disk.delete(plain);
        directoryChanged = true;
        files.put(segment, compressed);
    }

    /**
     * Deletes a newest plain segment left without entries by a crash after a roll (its records, if
     * any, were torn or only zeros written ahead of them reached the disk), so that appends go on
     * in the segment before it.
     */
    private void dropEmptyNewest(List<Catalog.Segment> segments) throws IOException {
        if (segments.size() < 2 || !segments.get(segments.size() - 1).isEmpty()) {
            return;
        }
        Catalog.Segment newest = segments.get(segments.size() - 1);
        LOG.info("deleting {}: a new segment without entries", newest.fileName());
        disk.delete(newest.fileName());
        disk.syncDirectory();
        segments.remove(segments.size() - 1);
    }

    private List<Catalog.Segment> checkSegments(TreeMap<Long, String> files) throws IOException {
        List<Catalog.Segment> segments = new ArrayList<>();
        long previousIndex = Wal.NO_INDEX;
        long previousNumber = -1;
        for (var file : files.entrySet()) {
            long number = file.getKey();
            String name = file.getValue();
            if (previousNumber >= 0 && number != previousNumber + 1) {
                throw new CorruptLogException(
                        name,
                        0,
                        "segment number after " + previousNumber,
                        previousNumber + 1,
                        number);
            }
            boolean newest = number == files.lastKey();
            Catalog.Segment segment =
                    FileNames.isCompressed(name)
                            ? checkCompressed(name, number, previousIndex)
                            : checkPlain(name, number, previousIndex, newest);
            if (segment.isEmpty() && !newest) {
                throw new CorruptLogException(name, FileHeader.BYTES, "entries", ">= 1", 0);
            }
            segments.add(segment);
            previousIndex = segment.isEmpty() ? previousIndex : segment.lastIndex();
            previousNumber = number;
        }
        return segments;
    }

    private Catalog.Segment checkCompressed(String name, long number, long previousIndex)
            throws IOException {
        try (DiskFile file = disk.open(name)) {
            FileHeader header =
                    FileHeader.read(file, name, FileKind.COMPRESSED_SEGMENT, entriesPerSegment);
            checkNumber(name, number, header);
            long size = file.sizeBytes();
            if (header.bodyBytes() != size - FileHeader.BYTES) {
                throw new CorruptLogException(
                        name,
                        40,
                        "compressed body length",
                        size - FileHeader.BYTES,
                        header.bodyBytes());
            }
            int crc = DiskFileStreams.crc(file, FileHeader.BYTES, size);
            if (crc != header.bodyCrc()) {
                throw new CorruptLogException(
                        name,
                        FileHeader.BYTES,
                        "compressed body checksum",
                        FileHeader.hex(header.bodyCrc()),
                        FileHeader.hex(crc));
            }
            IndexOrder order = new IndexOrder(name, number, entriesPerSegment, previousIndex);
            order.check(header.firstIndex(), 24);
            long last = header.lastIndex();
            if (last < header.firstIndex() || !order.couldFollow(last) || header.entryCount() < 1) {
                throw new CorruptLogException(
                        name,
                        32,
                        "last index within the segment, after the first",
                        ">= " + header.firstIndex(),
                        last);
            }
            return new Catalog.Segment(number, true, header.firstIndex(), last);
        }
    }

    private Catalog.Segment checkPlain(String name, long number, long previousIndex, boolean newest)
            throws IOException {
        try (DiskFile file = disk.open(name)) {
            checkNumber(
                    name,
                    number,
                    FileHeader.read(file, name, FileKind.PLAIN_SEGMENT, entriesPerSegment));
            long size = file.sizeBytes();
            RecordReader reader =
                    new RecordReader(
                            DiskFileStreams.in(file, FileHeader.BYTES, size),
                            FileHeader.BYTES,
                            size);
            IndexOrder order = new IndexOrder(name, number, entriesPerSegment, previousIndex);
            long first = Wal.NO_INDEX;
            while (true) {
                RecordReader.Next next = reader.next();
                if (next instanceof RecordReader.Record record) {
                    order.check(record.entry().index(), record.offset());
                    first = first == Wal.NO_INDEX ? record.entry().index() : first;
                } else if (next instanceof RecordReader.Bad bad) {
                    truncateTornTail(file, name, bad, size, order, newest);
                    break;
                } else {
                    long end = ((RecordReader.End) next).offset();
                    if (end < size) {
                        truncatePreallocated(file, name, end, size, order, newest);
                    }
                    break;
                }
            }
            long last = first == Wal.NO_INDEX ? Wal.NO_INDEX : order.lastIndex();
            return new Catalog.Segment(number, false, first, last);
        }
    }

    /**
     * Cuts the newest segment's unused preallocated space, zeros from {@code end} to {@code size},
     * which the log prepares again when it appends. Zeros elsewhere, or followed by anything but
     * zeros, are judged as a bad record at {@code end}.
     */
    private static void truncatePreallocated(
            DiskFile file, String name, long end, long size, IndexOrder order, boolean newest)
            throws IOException {
        if (!newest || !zerosUpToSize(file, end, size)) {
            RecordReader.Bad bad =
                    new RecordReader.Bad(
                            end,
                            "record header",
                            "a record, or zeros to the end of the newest segment",
                            "16 zero bytes",
                            false);
            truncateTornTail(file, name, bad, size, order, newest);
            return;
        }
        file.truncate(end);
        file.force();
        LOG.debug("cut {} bytes of preallocated space from {}", size - end, name);
    }

    private static boolean zerosUpToSize(DiskFile file, long from, long size) throws IOException {
        byte[] chunk = new byte[Limits.READ_CHUNK_BYTES];
        for (long at = from; at < size; at += chunk.length) {
            int length = (int) Math.min(chunk.length, size - at);
            int count = readFully(file, at, chunk, length);
            for (int i = 0; i < count; i++) {
                if (chunk[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void truncateTornTail(
            DiskFile file,
            String name,
            RecordReader.Bad bad,
            long size,
            IndexOrder order,
            boolean newest)
            throws IOException {
        if (!newest || validRecordAfter(file, bad.offset(), size, order)) {
            throw bad.toException(name);
        }
        file.truncate(bad.offset());
        file.force();
        LOG.warn(
                "truncated the torn tail of {} at offset {} ({} bytes dropped): {}",
                name,
                bad.offset(),
                size - bad.offset(),
                bad.toException(name).getMessage());
    }

    /**
     * Whether any byte offset after {@code from} starts a record with a good checksum and an index
     * that could follow; if so the bad record is not a torn tail but corruption.
     */
    static boolean validRecordAfter(DiskFile file, long from, long size, IndexOrder order)
            throws IOException {
        int headerBytes = RecordCodec.HEADER_BYTES;
        byte[] window = new byte[Limits.READ_CHUNK_BYTES + headerBytes];
        for (long base = from + 1; base + headerBytes <= size; base += Limits.READ_CHUNK_BYTES) {
            int count = readFully(file, base, window, (int) Math.min(window.length, size - base));
            ByteBuffer fields = ByteBuffer.wrap(window);
            for (int at = 0; at < Limits.READ_CHUNK_BYTES && at + headerBytes <= count; at++) {
                long index = fields.getLong(at);
                int length = fields.getInt(at + 8);
                boolean plausible =
                        order.couldFollow(index)
                                && length >= 0
                                && length <= Limits.PAYLOAD_BYTES_MAX
                                && base + at + headerBytes + length <= size;
                if (plausible
                        && checksumMatches(
                                file, base + at, index, length, fields.getInt(at + 12))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean checksumMatches(
            DiskFile file, long offset, long index, int length, int storedCrc) throws IOException {
        byte[] payload = new byte[length];
        int count = readFully(file, offset + RecordCodec.HEADER_BYTES, payload, length);
        return count == length && RecordCodec.crc(index, length, payload, 0) == storedCrc;
    }

    private static int readFully(DiskFile file, long offset, byte[] into, int length)
            throws IOException {
        int total = 0;
        while (total < length) {
            int count = file.read(offset + total, into, total, length - total);
            if (count <= 0) {
                break;
            }
            total += count;
        }
        return total;
    }

    private static void checkNumber(String name, long number, FileHeader header)
            throws CorruptLogException {
        if (header.number() != number) {
            throw new CorruptLogException(name, 8, "segment number", number, header.number());
        }
    }
}
