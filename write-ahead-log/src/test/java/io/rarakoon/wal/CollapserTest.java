package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Collapser with 4 entries per segment and FakeHead as the store: the threshold of the
 * automatic mode, Arakoon's plan arithmetic (which head index, which segments go), archiving,
 * segments to keep, idempotence, progress steps, pins and the refusal of a concurrent collapse.
 * Every test checks that head + remaining log still rebuild the full history.
 */
class CollapserTest {
    static final int PER_SEGMENT = 4;

    private final MemoryDisk disk = new MemoryDisk();
    private final ManualExecutor background = new ManualExecutor();
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThread() throws InterruptedException {
        other.shutdownNow();
        assertTrue(other.awaitTermination(30, TimeUnit.SECONDS));
    }

    private Wal logWithEntries(long from, long to) throws IOException {
        Wal wal = Wal.open(disk, PER_SEGMENT, background);
        WalTest.appendRange(wal, from, to);
        wal.force();
        return wal;
    }

    static TreeMap<Long, String> history(long from, long to) {
        TreeMap<Long, String> expected = new TreeMap<>();
        for (long index = from; index <= to; index++) {
            expected.put(index, new String(WalTest.payload(index), StandardCharsets.UTF_8));
        }
        return expected;
    }

    private static Collapser collapser(Wal wal) {
        return new Collapser(wal, FakeHead::new, 1, 2);
    }

    @Test
    void collapserTriggersOnThreshold() throws IOException {
        try (Wal wal = logWithEntries(0, 21)) { // segments 0..4 completed, 5 current
            CollapseResult result = collapser(wal).runOnce();
            // lag 21, files 6, k = 6 - 1 - 1 = 4: head at 0 + 4 * 4 = 16, segments 0..3 go
            assertEquals(new CollapseResult(5, 16, 4), result);
            assertEquals(16, wal.headIndex());
            assertEquals(16, wal.firstIndex());
            assertEquals(history(0, 16), toStrings(FakeHead.headOf(wal)));
            assertEquals(history(0, 21), FakeHead.rebuiltState(wal));
        }
    }

    @Test
    void collapserNoOpBelowThreshold() throws IOException {
        try (Wal wal = logWithEntries(0, 9)) { // two completed segments: not more than 2
            List<String> before = disk.list();
            assertEquals(new CollapseResult(0, Wal.NO_INDEX, 0), collapser(wal).runOnce());
            assertEquals(before, disk.list());
            assertEquals(Wal.NO_INDEX, wal.headIndex());
        }
    }

    @Test
    void collapserArchivesOldSegments() throws IOException {
        try (Wal wal = logWithEntries(0, 21)) {
            collapser(wal).runOnce();
            assertEquals(List.of("004.walz", "005.wal", "head.snap"), disk.list());
        }
        try (Wal reopened = Wal.open(disk, PER_SEGMENT, background)) {
            assertEquals(history(0, 21), FakeHead.rebuiltState(reopened));
            assertEquals(16, reopened.headIndex());
        }
    }

    @Test
    void collapserRespectsSegmentsToKeep() throws Exception {
        try (Wal wal = logWithEntries(0, 21)) {
            Collapser collapser = collapser(wal);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> collapser.collapse(0, CollapseProgress.IGNORE));
            CollapseResult result = collapser.collapse(3, CollapseProgress.IGNORE);
            // k = 6 - 3 - 1 = 2: head at 8, segments 0 and 1 go, 3 completed ones stay
            assertEquals(new CollapseResult(3, 8, 2), result);
            assertEquals(
                    List.of("002.walz", "003.walz", "004.walz", "005.wal", "head.snap"),
                    disk.list());
            assertEquals(history(0, 21), FakeHead.rebuiltState(wal));
        }
    }

    @Test
    void installHeadKeepsTheSegmentsAskedForAndRecovers() throws Exception {
        try (Wal wal = logWithEntries(0, 21)) {
            Collapser collapser = collapser(wal);
            FakeHead store = new FakeHead();
            for (long i = 0; i <= 17; i++) {
                store.apply(i, wal.read(i).orElseThrow());
            }
            ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
            store.write(snapshot);

            CollapseResult result = collapser.installHead(17, snapshot.toByteArray(), 1);

            // head segment 4, one segment kept below it: segments 0 to 2 go
            assertEquals(new CollapseResult(1, 17, 3), result);
            assertEquals(List.of("003.walz", "004.walz", "005.wal", "head.snap"), disk.list());
            assertEquals(history(0, 21), FakeHead.rebuiltState(wal));
        }
    }

    @Test
    void installHeadNeverMovesTheHeadBackNorPastTheDurableIndex() throws Exception {
        try (Wal wal = logWithEntries(0, 21)) {
            Collapser collapser = collapser(wal);
            collapser.collapse(1, CollapseProgress.IGNORE);
            List<String> after = disk.list();

            assertEquals(new CollapseResult(0, 16, 0), collapser.installHead(12, new byte[0], 1));
            assertEquals(after, disk.list());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> collapser.installHead(22, new byte[0], 1));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> collapser.installHead(20, new byte[0], 0));
        }
    }

    @Test
    void collapserIdempotent() throws IOException, CollapseInProgressException {
        try (Wal wal = logWithEntries(0, 21)) {
            Collapser collapser = collapser(wal);
            collapser.collapse(1, CollapseProgress.IGNORE);
            List<String> after = disk.list();
            assertEquals(
                    new CollapseResult(0, 16, 0), collapser.collapse(1, CollapseProgress.IGNORE));
            assertEquals(new CollapseResult(0, 16, 0), collapser.runOnce());
            assertEquals(after, disk.list());
            WalTest.appendRange(wal, 22, 33);
            wal.force();
            // lag 17, files 5, k 3: the next head builds on the previous one
            assertEquals(
                    new CollapseResult(4, 28, 3), collapser.collapse(1, CollapseProgress.IGNORE));
            assertEquals(history(0, 33), FakeHead.rebuiltState(wal));
        }
    }

    @Test
    void reportsOneStepPerFoldedSegmentAndAFinalOne() throws Exception {
        try (Wal wal = logWithEntries(0, 21)) {
            List<String> steps = new ArrayList<>();
            collapser(wal)
                    .collapse(1, (step, count, text) -> steps.add(step + "/" + count + " " + text));
            assertEquals(
                    List.of(
                            "1/5 folded segment 0",
                            "2/5 folded segment 1",
                            "3/5 folded segment 2",
                            "4/5 folded segment 3",
                            "5/5 head at index 16 written, 4 segments deleted"),
                    steps);
        }
    }

    @Test
    void pinnedSegmentsAreNeverDeleted() throws Exception {
        try (Wal wal = logWithEntries(0, 21)) {
            try (SegmentPin pin = wal.pin(9)) {
                assertEquals(2, pin.segment());
                assertEquals(
                        new CollapseResult(5, 16, 2),
                        collapser(wal).collapse(1, CollapseProgress.IGNORE));
                assertEquals(8, wal.firstIndex());
            }
            WalTest.appendRange(wal, 22, 29);
            wal.force();
            collapser(wal).collapse(1, CollapseProgress.IGNORE);
            assertEquals(24, wal.firstIndex());
            assertEquals(history(0, 29), FakeHead.rebuiltState(wal));
        }
    }

    @Test
    void refusesASecondConcurrentCollapse() throws Exception {
        try (Wal wal = logWithEntries(0, 21)) {
            CountDownLatch applying = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Collapser collapser =
                    new Collapser(wal, () -> new BlockingHead(applying, release), 1, 2);
            Future<CollapseResult> first =
                    other.submit(() -> collapser.collapse(1, CollapseProgress.IGNORE));
            assertTrue(applying.await(30, TimeUnit.SECONDS));
            var refused =
                    assertThrows(
                            CollapseInProgressException.class,
                            () -> collapser.collapse(1, CollapseProgress.IGNORE));
            assertEquals("Collapsing already in progress", refused.getMessage());
            assertEquals(0, collapser.runOnce().stepCount());
            release.countDown();
            assertEquals(16, first.get(30, TimeUnit.SECONDS).headIndex());
        }
    }

    /** A FakeHead that waits in its first apply until the test releases it. */
    private static final class BlockingHead extends FakeHead {
        private final CountDownLatch applying;
        private final CountDownLatch release;

        BlockingHead(CountDownLatch applying, CountDownLatch release) {
            this.applying = applying;
            this.release = release;
        }

        @Override
        public void apply(long index, byte[] payload) throws IOException {
            applying.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("not released in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            super.apply(index, payload);
        }
    }

    static TreeMap<Long, String> toStrings(TreeMap<Long, byte[]> map) {
        TreeMap<Long, String> result = new TreeMap<>();
        map.forEach((k, v) -> result.put(k, new String(v, StandardCharsets.UTF_8)));
        return result;
    }
}
