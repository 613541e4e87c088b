package io.rarakoon.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Power cuts at every step of opening, compressing and collapsing. A log with a previous head (at
 * 8) and plain completed segments is built on MemoryDisk; then, for every n, it is reopened through
 * a FaultyDisk that fails the n-th mutation (create, write, force, rename, delete, directory sync)
 * and everything after, compression runs and a collapse to head 24 is tried; the MemoryDisk crashes
 * (dropping, or in a second pass tearing, what was not forced) and must reopen to the same history:
 * head + remaining entries = entries 0..29. The loop ends with the first n at which the whole
 * collapse succeeds.
 */
class CollapseCrashTest {
    private static final int PER_SEGMENT = 4;

    @Test
    void aCrashAtEveryStepOfACollapseReopensToTheSameState() throws Exception {
        crashAtEveryStep(false);
    }

    @Test
    void aTearingCrashAtEveryStepOfACollapseReopensToTheSameState() throws Exception {
        crashAtEveryStep(true);
    }

    private static void crashAtEveryStep(boolean tear) throws Exception {
        for (long failAt = 0; failAt < 1000; failAt++) {
            MemoryDisk disk = build();
            FaultyDisk faulty = new FaultyDisk(disk, failAt);
            boolean completed = collapseThrough(faulty);
            if (tear) {
                disk.crash(new SplittableRandom(failAt));
            } else {
                disk.crash();
            }
            try (Wal reopened = Wal.open(disk, PER_SEGMENT, new ManualExecutor())) {
                assertEquals(
                        CollapserTest.history(0, 29),
                        FakeHead.rebuiltState(reopened),
                        "crash at mutation " + failAt);
                assertEquals(29, reopened.lastIndex());
                assertTrue(reopened.headIndex() == 8 || reopened.headIndex() == 24);
                if (completed) {
                    assertEquals(24, reopened.headIndex());
                    assertTrue(failAt > 20, "the collapse has more steps than " + failAt);
                    return;
                }
            }
        }
        throw new AssertionError("the collapse never completed");
    }

    /** Opens, compresses and collapses; returns whether all of it ran before the power cut. */
    private static boolean collapseThrough(FaultyDisk faulty) throws Exception {
        try {
            ManualExecutor background = new ManualExecutor();
            Wal wal = Wal.open(faulty, PER_SEGMENT, background);
            background.runAll();
            new Collapser(wal, FakeHead::new, 1, 1).collapse(1, CollapseProgress.IGNORE);
            return !faulty.failed();
        } catch (IOException e) {
            assertTrue(faulty.failed(), () -> "unexpected failure " + e);
            return false;
        }
    }

    /** A log of entries 0..29, head at 8, compressed segments 2..4, plain completed 5 and 6. */
    private static MemoryDisk build() throws Exception {
        MemoryDisk disk = new MemoryDisk();
        try (Wal wal = Wal.open(disk, PER_SEGMENT, new ManualExecutor())) {
            WalTest.appendRange(wal, 0, 21);
            wal.append(21, WalTest.payload(21));
            wal.force();
            new Collapser(wal, FakeHead::new, 3, 1).collapse(3, CollapseProgress.IGNORE);
            WalTest.appendRange(wal, 22, 29);
        }
        return disk;
    }
}
