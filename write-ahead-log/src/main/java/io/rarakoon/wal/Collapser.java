package io.rarakoon.wal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds old segments into the head snapshot and deletes them (Arakoon's collapse, spec §3.8).
 *
 * <p>Plan, as Arakoon: head := head index (0 without head); last := durable index; lag := last −
 * head; files := ⌈lag / E⌉; k := files − segmentsToKeep − 1. When k ≤ 0 there is nothing to do;
 * otherwise the new head index is head + k·E (segment-aligned), built by replaying the log's
 * entries up to it into the previous head through a {@link HeadBuilder}; the live store is never
 * involved. The head is written to a temporary file, forced, renamed and the directory forced; only
 * then are the segments wholly below the new head deleted, oldest first, stopping at the first
 * pinned one (catch-up protection), and the remaining completed segments compressed. A crash at any
 * step leaves a directory that opens to the same state.
 *
 * <p>Threads: call from a background thread, never the node thread; it may block while a
 * compression job runs. At most one collapse runs at a time; a second one is refused.
 */
public final class Collapser {
    private static final Logger LOG = LoggerFactory.getLogger(Collapser.class);

    private final Wal wal;
    private final Supplier<HeadBuilder> builders;
    private final int segmentsToKeep;
    private final int thresholdSegments;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * Creates the collapser of {@code wal}.
     *
     * @param builders gives a fresh {@link HeadBuilder} for each collapse
     * @param segmentsToKeep completed segments kept by {@link #runOnce()}, at least 1
     * @param thresholdSegments {@link #runOnce()} collapses only when more completed segments than
     *     this lie past the head; at least 1
     */
    public Collapser(
            Wal wal, Supplier<HeadBuilder> builders, int segmentsToKeep, int thresholdSegments) {
        checkSegmentsToKeep(segmentsToKeep);
        if (thresholdSegments < 1) {
            throw new IllegalArgumentException(
                    "thresholdSegments " + thresholdSegments + " is below 1");
        }
        this.wal = wal;
        this.builders = builders;
        this.segmentsToKeep = segmentsToKeep;
        this.thresholdSegments = thresholdSegments;
    }

    /**
     * The automatic mode: collapses with the configured segments to keep when more than the
     * threshold of completed segments lie past the head; otherwise, or when a collapse is already
     * running, does nothing. Durable when it returns.
     *
     * @throws CorruptLogException when a segment or the head is corrupt
     * @throws IOException on an I/O failure; the directory still opens to the same state
     */
    public CollapseResult runOnce() throws IOException {
        if (completedSegmentsPastHead() <= thresholdSegments) {
            return CollapseResult.nothingToDo(wal.headIndex());
        }
        try {
            return collapse(segmentsToKeep, CollapseProgress.IGNORE);
        } catch (CollapseInProgressException e) {
            LOG.debug("automatic collapse skipped: {}", e.getMessage());
            return CollapseResult.nothingToDo(wal.headIndex());
        }
    }

    /**
     * The admin command: collapses keeping {@code segmentsToKeep} completed segments plus the
     * current one, reporting each step to {@code progress}. Durable when it returns.
     *
     * @throws IllegalArgumentException when {@code segmentsToKeep} is below 1
     * @throws CollapseInProgressException when another collapse runs
     * @throws CorruptLogException when a segment or the head is corrupt
     * @throws IOException on an I/O failure; the directory still opens to the same state
     */
    public CollapseResult collapse(int segmentsToKeep, CollapseProgress progress)
            throws IOException, CollapseInProgressException {
        checkSegmentsToKeep(segmentsToKeep);
        if (!running.compareAndSet(false, true)) {
            throw new CollapseInProgressException();
        }
        wal.maintenanceLock().lock();
        try {
            return collapseLocked(segmentsToKeep, progress);
        } finally {
            wal.maintenanceLock().unlock();
            running.set(false);
        }
    }

    /**
     * Installs {@code snapshot}, a store snapshot taken at {@code headIndex}, as the head
     * (Arakoon's copy_db_to_head, spec §3.8), then deletes the segments more than {@code
     * segmentsToKeep} below the head's segment, oldest first, stopping at a pinned one. The head
     * never moves back: a {@code headIndex} at or below the current head changes nothing. Any
     * thread; excludes a collapse and compression like {@link #collapse}.
     *
     * @throws IllegalArgumentException if {@code segmentsToKeep} is below 1, or {@code headIndex}
     *     is past the durable index (the snapshot would hold entries the log could still lose)
     * @throws CollapseInProgressException if a collapse or another install is running
     * @throws IOException when the head cannot be written or a segment cannot be deleted
     */
    public CollapseResult installHead(long headIndex, byte[] snapshot, int segmentsToKeep)
            throws IOException, CollapseInProgressException {
        checkSegmentsToKeep(segmentsToKeep);
        if (headIndex > wal.durableIndex()) {
            throw new IllegalArgumentException(
                    "head index " + headIndex + " is past the durable index " + wal.durableIndex());
        }
        if (!running.compareAndSet(false, true)) {
            throw new CollapseInProgressException();
        }
        wal.maintenanceLock().lock();
        try {
            long head = wal.headIndex();
            if ((head != Wal.NO_INDEX && headIndex <= head) || wal.isClosed()) {
                return CollapseResult.nothingToDo(head);
            }
            HeadFile.write(
                    wal.disk(), headIndex, wal.entriesPerSegment(), out -> out.write(snapshot));
            wal.catalog().setHeadIndex(headIndex);
            int deleted = prune(headIndex / wal.entriesPerSegment() - segmentsToKeep);
            wal.compressCompleted();
            LOG.info("head at index {} installed, {} segments deleted", headIndex, deleted);
            return new CollapseResult(1, headIndex, deleted);
        } finally {
            wal.maintenanceLock().unlock();
            running.set(false);
        }
    }

    private int completedSegmentsPastHead() {
        long last = wal.durableIndex();
        if (last == Wal.NO_INDEX) {
            return 0;
        }
        int perSegment = wal.entriesPerSegment();
        long head = wal.headIndex();
        long fromSegment = head == Wal.NO_INDEX ? 0 : head / perSegment;
        int count = 0;
        for (Catalog.Segment segment : wal.catalog().segments()) {
            if (segment.number() >= fromSegment && segment.number() < last / perSegment) {
                count++;
            }
        }
        return count;
    }

    private CollapseResult collapseLocked(int keep, CollapseProgress progress) throws IOException {
        long head = wal.headIndex();
        long last = wal.durableIndex();
        long perSegment = wal.entriesPerSegment();
        long headOrZero = head == Wal.NO_INDEX ? 0 : head;
        long lag = last - headOrZero;
        long files = (lag + perSegment - 1) / perSegment;
        long k = files - keep - 1;
        if (last == Wal.NO_INDEX || k <= 0 || wal.isClosed()) {
            return CollapseResult.nothingToDo(head);
        }
        long target = headOrZero + k * perSegment;
        int stepCount = (int) k + 1;
        HeadBuilder builder = builders.get();
        if (head != Wal.NO_INDEX) {
            try (InputStream previous = wal.openHead()) {
                builder.load(previous);
                previous.transferTo(OutputStream.nullOutputStream());
            }
        }
        long from = head == Wal.NO_INDEX ? wal.firstIndex() : head + 1;
        fold(builder, from, headOrZero / perSegment, target, progress, stepCount);
        HeadFile.write(wal.disk(), target, wal.entriesPerSegment(), builder::write);
        wal.catalog().setHeadIndex(target);
        int deleted = prune(target / perSegment);
        wal.compressCompleted();
        String done = "head at index " + target + " written, " + deleted + " segments deleted";
        progress.stepDone(stepCount, stepCount, done);
        LOG.info("collapse done: {}", done);
        return new CollapseResult(stepCount, target, deleted);
    }

    /** Applies the entries [from, target] and reports one step per segment below target's. */
    private void fold(
            HeadBuilder builder,
            long from,
            long firstSegment,
            long target,
            CollapseProgress progress,
            int stepCount)
            throws IOException {
        long perSegment = wal.entriesPerSegment();
        long targetSegment = target / perSegment;
        long reportNext = firstSegment;
        long applied = Wal.NO_INDEX;
        try (EntryCursor cursor = wal.completedEntries(from, target)) {
            for (var entry = cursor.next(); entry.isPresent(); entry = cursor.next()) {
                long segment = entry.get().index() / perSegment;
                for (; reportNext < Math.min(segment, targetSegment); reportNext++) {
                    reportFolded(progress, reportNext, firstSegment, stepCount);
                }
                builder.apply(entry.get().index(), entry.get().payload());
                applied = entry.get().index();
            }
        }
        if (applied != target) {
            throw new CorruptLogException(
                    FileNames.plain(targetSegment),
                    0,
                    "last index folded into the head",
                    target,
                    applied);
        }
        for (; reportNext < targetSegment; reportNext++) {
            reportFolded(progress, reportNext, firstSegment, stepCount);
        }
    }

    private static void reportFolded(
            CollapseProgress progress, long segment, long firstSegment, int stepCount) {
        int step = (int) (segment - firstSegment) + 1;
        progress.stepDone(step, stepCount, "folded segment " + segment);
    }

    /** Deletes segments below {@code headSegment}, oldest first, stopping at a pinned one. */
    private int prune(long headSegment) throws IOException {
        int deleted = 0;
        for (Catalog.Segment segment : wal.catalog().segments()) {
            if (segment.number() >= headSegment
                    || !wal.catalog().removeUnlessPinned(segment.number())) {
                break;
            }
            wal.disk().delete(segment.fileName());
            deleted++;
        }
        if (deleted > 0) {
            wal.disk().syncDirectory();
        }
        return deleted;
    }

    private static void checkSegmentsToKeep(int segmentsToKeep) {
        if (segmentsToKeep < 1) {
            throw new IllegalArgumentException("segmentsToKeep " + segmentsToKeep + " is below 1");
        }
    }
}
