package io.rarakoon.wal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log: a sequence of entries (index, opaque payload) in segments of {@code
 * entriesPerSegment} entries, segment = index div entriesPerSegment (spec §3, docs/wal-format.md).
 *
 * <p><b>Threads.</b> One owner thread (the node thread) calls {@link #append}, {@link #force},
 * {@link #startForce}, {@link #entries}, {@link #read} and {@link #close}; these are not safe to
 * call concurrently. The fsync that {@link #startForce} hands to another thread is awaited by the
 * owner's next such call. Background work (compressing completed segments, submitted to the
 * executor given to {@link #open}, and the {@link Collapser}) runs on other threads and touches
 * only completed segments (those before the segment of the durable index: an entry after them is
 * durable, so no crash can bring the last index back into them), which are cut to their last record
 * and forced before they complete and never written again, and the head file. The two kinds of
 * background work exclude each other. The index getters are safe from any thread.
 *
 * <p><b>Durability.</b> Appends are buffered; {@link #force} writes and forces them all (group
 * commit) and returns the index up to which the log is durable. Nothing is durable before that.
 * {@link #startForce} writes them and leaves the fsync to another thread; the owner's next call
 * waits for it. The segment being written is kept {@link Limits#PREALLOCATE_BYTES} ahead of the
 * appends with zeros, so a force rarely changes the file's size; recovery cuts the zeros after the
 * last record.
 *
 * <p><b>Failures.</b> After an {@link IOException} from an append or force the log refuses all
 * further writes: the caller must stop the node and reopen, because what reached the disk is
 * unknown (never retry an fsync).
 */
public final class Wal implements Closeable {
    /** The index value meaning "none": an empty log, nothing durable, no head. */
    public static final long NO_INDEX = -1;

    private static final Logger LOG = LoggerFactory.getLogger(Wal.class);

    /** What {@link #writeZerosAhead} writes, at most a step. */
    private static final byte[] ZEROS = new byte[Limits.PREALLOCATE_BYTES];

    private final Disk disk;
    private final int entriesPerSegment;
    private final Executor background;
    private final Catalog catalog = new Catalog();
    private final ReentrantLock maintenance = new ReentrantLock();
    private final AtomicBoolean compressionScheduled = new AtomicBoolean();
    private final byte[] buffer = new byte[Limits.APPEND_BUFFER_BYTES];
    private int bufferUsedBytes;
    private DiskFile current;
    private long currentSegment = NO_INDEX;
    private long writtenBytes;

    /** The end of the zeros written ahead of {@code writtenBytes}: the current segment's size. */
    private long preparedBytes;

    private volatile long lastIndex = NO_INDEX;
    private volatile long durableIndex = NO_INDEX;
    private volatile boolean closed;
    private IOException failure;

    /** The fsync {@link #startForce} left running, with the index it makes durable; or null. */
    private PendingForce pendingForce;

    private record PendingForce(CompletableFuture<Void> done, long index) {}

    private Wal(Disk disk, int entriesPerSegment, Executor background) {
        this.disk = disk;
        this.entriesPerSegment = entriesPerSegment;
        this.background = background;
    }

    /**
     * Opens (recovers) the log in {@code disk}; an empty directory is an empty log. Truncates a
     * torn tail of the newest segment with a WARN line, finishes interrupted compressions and
     * schedules the compression of completed plain segments on {@code background}. Everything
     * recovered is durable when this returns. Call on the owner thread.
     *
     * @param entriesPerSegment the same on every node, within {@link Limits}
     * @param background runs compression jobs; a single thread in production
     * @throws CorruptLogException when the files are corrupt (message: file, offset, expected,
     *     actual)
     * @throws IOException on an I/O failure
     */
    public static Wal open(Disk disk, int entriesPerSegment, Executor background)
            throws IOException {
        if (entriesPerSegment < Limits.ENTRIES_PER_SEGMENT_MIN
                || entriesPerSegment > Limits.ENTRIES_PER_SEGMENT_MAX) {
            throw new IllegalArgumentException(
                    "entriesPerSegment "
                            + entriesPerSegment
                            + " outside ["
                            + Limits.ENTRIES_PER_SEGMENT_MIN
                            + ", "
                            + Limits.ENTRIES_PER_SEGMENT_MAX
                            + "]");
        }
        Wal wal = new Wal(disk, entriesPerSegment, background);
        wal.recover();
        return wal;
    }

    private void recover() throws IOException {
        Recovery.Result recovered = Recovery.run(disk, entriesPerSegment);
        catalog.setHeadIndex(recovered.headIndex());
        List<Catalog.Segment> segments = recovered.segments();
        for (Catalog.Segment segment : segments) {
            catalog.put(segment);
            lastIndex = segment.isEmpty() ? lastIndex : segment.lastIndex();
        }
        if (!segments.isEmpty() && !segments.get(segments.size() - 1).compressed()) {
            currentSegment = segments.get(segments.size() - 1).number();
            current = disk.open(FileNames.plain(currentSegment));
            writtenBytes = current.sizeBytes();
            preparedBytes = writtenBytes;
            current.force();
        }
        durableIndex = lastIndex;
        LOG.info(
                "opened the log: {} segments, first index {}, last index {}, head index {}",
                segments.size(),
                catalog.firstIndex(),
                lastIndex,
                recovered.headIndex());
        scheduleCompression();
    }

    /**
     * Appends an entry to the buffer; durable only after a later {@link #force}. The index must be
     * the last index + 1, or equal to the last index (a value accepted again replaces it: the last
     * one wins), or anything when the log is empty. Owner thread only.
     *
     * @throws IllegalArgumentException naming both indexes when the index does not fit, or when the
     *     payload exceeds {@link Limits#PAYLOAD_BYTES_MAX}
     * @throws IOException when writing fails; the log then refuses further writes
     */
    public void append(long index, byte[] payload) throws IOException {
        ensureWritable();
        WalEntry entry = new WalEntry(index, payload);
        long last = lastIndex;
        if (last != NO_INDEX && index != last + 1 && index != last) {
            throw new IllegalArgumentException(
                    "append index "
                            + index
                            + " does not follow last index "
                            + last
                            + ": expected "
                            + last
                            + " or "
                            + (last + 1));
        }
        long segment = index / entriesPerSegment;
        try {
            if (segment != currentSegment) {
                startSegment(segment);
            }
            bufferRecord(entry);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        catalog.recordAppend(segment, index);
        lastIndex = index;
    }

    /**
     * Writes the buffered entries and forces the current segment: one fsync for the whole batch.
     * Owner thread only.
     *
     * @return the index up to which the log is durable ({@link #NO_INDEX} when empty)
     * @throws IOException when writing or forcing fails; the log then refuses further writes
     */
    public long force() throws IOException {
        ensureWritable();
        try {
            flush();
            if (current != null) {
                current.force();
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        return markDurable(lastIndex);
    }

    /**
     * Writes the buffered entries and forces the current segment on {@code syncer}, returning at
     * once: the owner may go on with work that needs nothing durable (a catch-up applies the batch
     * it logged and asks for the next while this one reaches the disk). The owner's next call of
     * any method that writes or reads entries first waits for that fsync; {@link #durableIndex}
     * moves then. A failed fsync fails that call, and the log refuses further writes. Owner thread
     * only.
     *
     * @param syncer runs the fsync; a thread of its own in production, {@code Runnable::run} where
     *     everything must stay on one thread (the simulator)
     * @throws IOException when writing fails, or the fsync started before failed
     */
    public void startForce(Executor syncer) throws IOException {
        writeBuffered();
        DiskFile file = current;
        if (file == null) {
            markDurable(lastIndex);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        pendingForce = new PendingForce(done, lastIndex);
        syncer.execute(
                () -> {
                    try {
                        file.force();
                        done.complete(null);
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    }
                });
    }

    /** Waits for the fsync {@link #startForce} left running, if any. Owner thread. */
    private void awaitPendingForce() throws IOException {
        PendingForce pending = pendingForce;
        if (pending == null) {
            return;
        }
        pendingForce = null;
        try {
            pending.done().get();
        } catch (ExecutionException e) {
            failure =
                    e.getCause() instanceof IOException io
                            ? io
                            : new IOException("forcing the log failed", e.getCause());
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new InterruptedIOException("interrupted while the log was being forced");
            throw failure;
        }
        markDurable(pending.index());
    }

    private long markDurable(long index) {
        long before = durableIndex;
        durableIndex = index;
        if (before == NO_INDEX || before / entriesPerSegment != index / entriesPerSegment) {
            scheduleCompression();
        }
        return index;
    }

    /** The index up to which the log is durable, or {@link #NO_INDEX}. Any thread. */
    public long durableIndex() {
        return durableIndex;
    }

    /** The last appended index (durable or not), or {@link #NO_INDEX}. Any thread. */
    public long lastIndex() {
        return lastIndex;
    }

    /** The first index still in the log, or {@link #NO_INDEX}; a collapse raises it. Any thread. */
    public long firstIndex() {
        return catalog.firstIndex();
    }

    /** The index of the head snapshot, or {@link #NO_INDEX} when there is none. Any thread. */
    public long headIndex() {
        return catalog.headIndex();
    }

    /** The entries per segment this log was opened with. */
    public int entriesPerSegment() {
        return entriesPerSegment;
    }

    /**
     * Opens a cursor over the entries from {@code fromIndex} (or the first index, if later) up to
     * the last index at this call, appended ones included. Owner thread only; close the cursor.
     *
     * @throws IOException when the buffered entries cannot be written
     */
    public EntryCursor entries(long fromIndex) throws IOException {
        writeBuffered();
        long first = Math.max(fromIndex, Math.max(firstIndex(), 0));
        return new EntryCursor(disk, catalog, entriesPerSegment, first, lastIndex);
    }

    /**
     * Returns the payload written last for {@code index}, or empty when the index is not in the
     * log. Owner thread only.
     *
     * @throws CorruptLogException when the segment holding it is corrupt
     * @throws IOException on an I/O failure
     */
    public Optional<byte[]> read(long index) throws IOException {
        if (index < firstIndex() || index > lastIndex) {
            return Optional.empty();
        }
        try (EntryCursor cursor = entries(index)) {
            return cursor.next().filter(e -> e.index() == index).map(WalEntry::payload);
        }
    }

    /**
     * Opens the head snapshot's bytes; the stream throws {@link CorruptLogException} at its end
     * when the bytes do not match the stored checksum. Any thread; close the stream.
     *
     * @throws java.nio.file.NoSuchFileException when there is no head
     */
    public InputStream openHead() throws IOException {
        return HeadFile.openBody(disk, entriesPerSegment);
    }

    /**
     * Installs {@code snapshot}, a store snapshot taken at {@code headIndex} by a peer, as the head
     * and restarts the log after it: every segment is superseded and deleted, and the next append
     * may be {@code headIndex + 1}. Crash-safe: the head is written to a temporary file, forced,
     * renamed and the directory forced before any segment goes, and the head records that the log
     * restarts, so a crash in between finishes the deletion at the next open. Durable when this
     * returns. Owner thread; waits for running background work.
     *
     * @throws IllegalArgumentException if {@code headIndex} is negative or below the last index
     *     (the head would not cover the log it replaces)
     * @throws IOException when writing fails; the log then refuses further writes
     */
    public void restartAfterHead(long headIndex, byte[] snapshot) throws IOException {
        ensureWritable();
        if (headIndex < 0 || (lastIndex != NO_INDEX && headIndex < lastIndex)) {
            throw new IllegalArgumentException(
                    "head index " + headIndex + " does not cover the last index " + lastIndex);
        }
        maintenance.lock();
        try {
            bufferUsedBytes = 0;
            if (current != null) {
                current.close();
                current = null;
            }
            currentSegment = NO_INDEX;
            HeadFile.write(
                    disk, headIndex, headIndex + 1, entriesPerSegment, out -> out.write(snapshot));
            catalog.setHeadIndex(headIndex);
            for (Catalog.Segment segment : catalog.segments()) {
                catalog.remove(segment.number());
                disk.delete(segment.fileName());
            }
            disk.syncDirectory();
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            maintenance.unlock();
        }
        lastIndex = NO_INDEX;
        durableIndex = NO_INDEX;
        LOG.info("installed a head at index {}; the log restarts after it", headIndex);
    }

    /**
     * Pins the segment holding {@code fromIndex} and every later one against deletion by a
     * collapse, for a catch-up stream. Any thread; close the pin when done.
     */
    public SegmentPin pin(long fromIndex) {
        return catalog.pin(Math.max(fromIndex, 0) / entriesPerSegment);
    }

    /**
     * Writes and forces buffered entries, waits for a running background job to finish and closes
     * the current segment. Owner thread. Compression left undone resumes at the next open.
     *
     * @throws IOException when the final force fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                force();
                if (current != null && cutPreparedSpace()) {
                    current.force();
                }
            }
        } finally {
            closed = true;
            maintenance.lock();
            maintenance.unlock();
            if (current != null) {
                current.close();
            }
        }
    }

    /** Checks the log takes writes, then writes the buffered entries; a failure fails the log. */
    private void writeBuffered() throws IOException {
        ensureWritable();
        try {
            flush();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IllegalStateException("the log is closed");
        }
        if (failure != null) {
            throw new IOException("the log failed earlier and accepts no writes", failure);
        }
        awaitPendingForce();
    }

    /** Completes the current segment (forced) and starts {@code segment} with a durable name. */
    private void startSegment(long segment) throws IOException {
        if (catalog.contains(segment)) {
            throw new IllegalStateException(
                    "segment " + segment + " is complete and may be compressed: cannot append");
        }
        if (current != null) {
            flush();
            cutPreparedSpace();
            current.force();
            durableIndex = lastIndex;
            current.close();
            current = null;
            boolean currentIsEmpty =
                    lastIndex == NO_INDEX || lastIndex / entriesPerSegment != currentSegment;
            if (currentIsEmpty) {
                catalog.remove(currentSegment);
                disk.delete(FileNames.plain(currentSegment));
            }
        }
        String name = FileNames.plain(segment);
        String temp = FileNames.temp(name);
        try (DiskFile file = disk.create(temp)) {
            byte[] header = FileHeader.plain(segment, entriesPerSegment).encode();
            file.write(0, header, 0, header.length);
            file.force();
        }
        disk.rename(temp, name);
        disk.syncDirectory();
        catalog.put(new Catalog.Segment(segment, false, NO_INDEX, NO_INDEX));
        current = disk.open(name);
        currentSegment = segment;
        writtenBytes = FileHeader.BYTES;
        preparedBytes = FileHeader.BYTES;
    }

    private void bufferRecord(WalEntry entry) throws IOException {
        int recordBytes = RecordCodec.recordBytes(entry.payload().length);
        if (bufferUsedBytes + recordBytes > buffer.length) {
            flush();
        }
        if (recordBytes > buffer.length) {
            byte[] record = RecordCodec.encode(entry);
            current.write(writtenBytes, record, 0, record.length);
            writtenBytes += record.length;
            writeZerosAhead();
            return;
        }
        RecordCodec.encode(entry, buffer, bufferUsedBytes);
        bufferUsedBytes += recordBytes;
    }

    private void flush() throws IOException {
        if (bufferUsedBytes > 0) {
            current.write(writtenBytes, buffer, 0, bufferUsedBytes);
            writtenBytes += bufferUsedBytes;
            bufferUsedBytes = 0;
            writeZerosAhead();
        }
    }

    /**
     * After a write that grew the file: writes zeros from its end up to the next multiple of {@link
     * Limits#PREALLOCATE_BYTES}, in one write, before the force that follows.
     */
    private void writeZerosAhead() throws IOException {
        if (writtenBytes <= preparedBytes) {
            return;
        }
        long target = (writtenBytes / Limits.PREALLOCATE_BYTES + 1) * Limits.PREALLOCATE_BYTES;
        current.write(writtenBytes, ZEROS, 0, (int) (target - writtenBytes));
        preparedBytes = target;
    }

    /**
     * Cuts the zeros after the last record: a completed or closed segment ends with its data.
     * Returns whether there were any.
     */
    private boolean cutPreparedSpace() throws IOException {
        if (preparedBytes == writtenBytes) {
            return false;
        }
        current.truncate(writtenBytes);
        preparedBytes = writtenBytes;
        return true;
    }

    private void scheduleCompression() {
        if (!closed && compressionScheduled.compareAndSet(false, true)) {
            background.execute(this::compressCompletedSegments);
        }
    }

    /** Background job: compresses every completed plain segment, oldest first. */
    private void compressCompletedSegments() {
        compressionScheduled.set(false);
        maintenance.lock();
        try {
            compressCompleted();
        } catch (IOException | RuntimeException e) {
            LOG.error("compressing a completed segment failed; retried at the next open", e);
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Compresses the completed plain segments, oldest first, until the log closes. Caller holds the
     * maintenance lock.
     */
    void compressCompleted() throws IOException {
        assert maintenance.isHeldByCurrentThread();
        for (Catalog.Segment segment : catalog.segments()) {
            long durable = durableIndex;
            boolean completed =
                    durable != NO_INDEX && segment.number() < durable / entriesPerSegment;
            if (closed || !completed) {
                break;
            }
            if (!segment.compressed()) {
                Compressor.compress(disk, catalog, segment.number(), entriesPerSegment);
            }
        }
    }

    // Package-private access for the Collapser, which runs on a background thread.

    boolean isClosed() {
        return closed;
    }

    Disk disk() {
        return disk;
    }

    Catalog catalog() {
        return catalog;
    }

    ReentrantLock maintenanceLock() {
        return maintenance;
    }

    /** A cursor over completed segments for the collapser: no flush, no owner-thread state. */
    EntryCursor completedEntries(long fromIndex, long toIndex) {
        assert toIndex / entriesPerSegment < durableIndex / entriesPerSegment;
        return new EntryCursor(disk, catalog, entriesPerSegment, fromIndex, toIndex);
    }
}
