package io.rarakoon.wal;

/**
 * Checks the indexes of one segment's records in file order: each lies in the segment's range and
 * equals the previous one (a replacement, the last one wins) or the previous plus one.
 */
final class IndexOrder {
    private final String fileName;
    private final long rangeStart;
    private final long rangeEnd;
    private long lastIndex;

    IndexOrder(String fileName, long segment, int entriesPerSegment) {
        this(fileName, segment, entriesPerSegment, Wal.NO_INDEX);
    }

    IndexOrder(String fileName, long segment, int entriesPerSegment, long previousIndex) {
        this.fileName = fileName;
        this.rangeStart = segment * entriesPerSegment;
        this.rangeEnd = rangeStart + entriesPerSegment;
        this.lastIndex = previousIndex;
    }

    void check(long index, long offset) throws CorruptLogException {
        if (index < rangeStart || index >= rangeEnd) {
            throw new CorruptLogException(
                    fileName,
                    offset,
                    "index within the segment",
                    "[" + rangeStart + ", " + rangeEnd + ")",
                    index);
        }
        if (lastIndex != Wal.NO_INDEX && index != lastIndex && index != lastIndex + 1) {
            throw new CorruptLogException(
                    fileName,
                    offset,
                    "index after " + lastIndex,
                    lastIndex + " or " + (lastIndex + 1),
                    index);
        }
        lastIndex = index;
    }

    long lastIndex() {
        return lastIndex;
    }

    /** Whether a record with this index could follow, for the tail scan. */
    boolean couldFollow(long index) {
        return index >= Math.max(rangeStart, lastIndex) && index < rangeEnd;
    }
}
