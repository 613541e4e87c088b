package io.rarakoon.wal;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads log entries in index order from a start index up to an end index fixed at creation,
 * transparently across plain and compressed segments. Each index is returned once, with the payload
 * written last (duplicates of an index are consecutive in the log; the last one wins). The cursor
 * pins its first segment, so a collapse cannot delete what it still has to read, until {@link
 * #close()}. Used by one thread at a time.
 */
public final class EntryCursor implements Closeable {
    private final Disk disk;
    private final Catalog catalog;
    private final int entriesPerSegment;
    private final long fromIndex;
    private final long toIndex;
    private final SegmentPin pin;
    private long segment;
    private Catalog.OpenSegment open;
    private IndexOrder order;
    private WalEntry lookahead;
    private boolean exhausted;

    EntryCursor(Disk disk, Catalog catalog, int entriesPerSegment, long fromIndex, long toIndex) {
        this.disk = disk;
        this.catalog = catalog;
        this.entriesPerSegment = entriesPerSegment;
        this.fromIndex = fromIndex;
        this.toIndex = toIndex;
        this.segment = fromIndex / entriesPerSegment;
        this.pin = catalog.pin(segment);
        this.exhausted = toIndex < fromIndex;
    }

    /**
     * Returns the next entry, or empty when the end index has been passed.
     *
     * @throws CorruptLogException when a record is bad or a needed segment is missing
     * @throws IOException on an I/O failure
     */
    public Optional<WalEntry> next() throws IOException {
        WalEntry current = lookahead != null ? lookahead : nextRaw();
        lookahead = null;
        if (current == null) {
            return Optional.empty();
        }
        WalEntry following = nextRaw();
        while (following != null && following.index() == current.index()) {
            current = following;
            following = nextRaw();
        }
        lookahead = following;
        return Optional.of(current);
    }

    /** The next record at or after the start index and not after the end index, or null. */
    private WalEntry nextRaw() throws IOException {
        while (!exhausted) {
            if (open == null && !openSegment()) {
                return null;
            }
            RecordReader.Next next = open.reader().next();
            if (next instanceof RecordReader.Record record) {
                long index = record.entry().index();
                order.check(index, record.offset());
                if (index > toIndex) {
                    exhausted = true;
                } else if (index >= fromIndex) {
                    return record.entry();
                }
            } else if (next instanceof RecordReader.Bad bad) {
                throw bad.toException(open.name());
            } else {
                closeSegment();
                segment++;
            }
        }
        return null;
    }

    private boolean openSegment() throws IOException {
        if (segment > toIndex / entriesPerSegment) {
            exhausted = true;
            return false;
        }
        open = catalog.open(disk, segment, entriesPerSegment);
        if (open == null) {
            throw new CorruptLogException(
                    FileNames.plain(segment),
                    0,
                    "segment to read index " + fromIndex + " on",
                    "present",
                    "missing");
        }
        long previous = order == null ? Wal.NO_INDEX : order.lastIndex();
        order = new IndexOrder(open.name(), segment, entriesPerSegment, previous);
        return true;
    }

    private void closeSegment() throws IOException {
        Catalog.OpenSegment closing = open;
        open = null;
        closing.file().close();
    }

    /** Closes the open segment and releases the pin. */
    @Override
    public void close() throws IOException {
        pin.close();
        if (open != null) {
            closeSegment();
        }
    }
}
