package io.rarakoon.wal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which segments exist, plain or compressed, with their index ranges; the head index; the pins.
 * Shared by the node thread (appends, reads) and the background thread (compression, collapse):
 * every method holds the catalog's monitor, and opening a segment happens under it, so a reader
 * never opens a name a background step is about to delete (an open handle survives deletion).
 */
final class Catalog {

    /** One segment; an empty segment has first and last {@link Wal#NO_INDEX}. */
    record Segment(long number, boolean compressed, long firstIndex, long lastIndex) {
        String fileName() {
            return compressed ? FileNames.compressed(number) : FileNames.plain(number);
        }

        boolean isEmpty() {
            return lastIndex == Wal.NO_INDEX;
        }
    }

    /** An open segment: its file, name and a record reader over its entries. */
    record OpenSegment(DiskFile file, String name, RecordReader reader) {}

    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final TreeMap<Long, Integer> pinCounts = new TreeMap<>();
    private long headIndex = Wal.NO_INDEX;

    synchronized void put(Segment segment) {
        segments.put(segment.number(), segment);
    }

    synchronized boolean contains(long number) {
        return segments.containsKey(number);
    }

    synchronized void recordAppend(long number, long index) {
        Segment old = segments.get(number);
        long first = old.isEmpty() ? index : old.firstIndex();
        segments.put(number, new Segment(number, old.compressed(), first, index));
    }

    synchronized void markCompressed(long number) {
        Segment old = segments.get(number);
        segments.put(number, new Segment(number, true, old.firstIndex(), old.lastIndex()));
    }

    synchronized List<Segment> segments() {
        return new ArrayList<>(segments.values());
    }

    synchronized long firstIndex() {
        for (Segment segment : segments.values()) {
            if (!segment.isEmpty()) {
                return segment.firstIndex();
            }
        }
        return Wal.NO_INDEX;
    }

    synchronized long headIndex() {
        return headIndex;
    }

    synchronized void setHeadIndex(long index) {
        headIndex = index;
    }

    /**
     * Removes a segment unless it or an earlier one is pinned; the caller deletes the file.
     *
     * @return whether the segment was removed
     */
    synchronized boolean removeUnlessPinned(long number) {
        if (!pinCounts.headMap(number, true).isEmpty()) {
            return false;
        }
        return segments.remove(number) != null;
    }

    synchronized void remove(long number) {
        segments.remove(number);
    }

    synchronized SegmentPin pin(long segment) {
        pinCounts.merge(segment, 1, Integer::sum);
        return new SegmentPin(this, segment);
    }

    synchronized void unpin(long segment) {
        pinCounts.computeIfPresent(segment, (number, count) -> count == 1 ? null : count - 1);
    }

    /**
     * Opens segment {@code number} for reading its entries, or returns null if it does not exist.
     */
    synchronized OpenSegment open(Disk disk, long number, int entriesPerSegment)
            throws IOException {
        Segment segment = segments.get(number);
        if (segment == null) {
            return null;
        }
        String name = segment.fileName();
        DiskFile file = disk.open(name);
        try {
            return new OpenSegment(file, name, reader(file, name, segment, entriesPerSegment));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static RecordReader reader(
            DiskFile file, String name, Segment segment, int entriesPerSegment) throws IOException {
        if (!segment.compressed()) {
            long size = file.sizeBytes();
            return new RecordReader(
                    DiskFileStreams.in(file, FileHeader.BYTES, size), FileHeader.BYTES, size);
        }
        FileHeader header =
                FileHeader.read(file, name, FileKind.COMPRESSED_SEGMENT, entriesPerSegment);
        InputStream body =
                DiskFileStreams.decompressed(
                        file, name, FileHeader.BYTES, FileHeader.BYTES + header.bodyBytes());
        return new RecordReader(body, FileHeader.BYTES, FileHeader.BYTES + header.rawBytes());
    }
}
