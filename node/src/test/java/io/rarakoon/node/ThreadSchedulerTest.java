package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.messenger.netty.EventLoops;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The production scheduler, on a node's event-loop thread, runs tasks in order on that named
 * thread, a cancelled task never runs, and an exception reaches the failure handler instead of
 * vanishing. Waits are bounded.
 */
class ThreadSchedulerTest {

    @Test
    void runsTasksInSubmissionOrderOnItsThread() throws Exception {
        List<String> seen = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (EventLoops loops = EventLoops.start("n0-loop", 1)) {
            ThreadScheduler scheduler = new ThreadScheduler(loops.next(), (t, e) -> {});
            for (int i = 0; i < 100; i++) {
                int n = i;
                scheduler.execute(() -> seen.add(Thread.currentThread().getName() + ":" + n));
            }
            scheduler.execute(done::countDown);
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
        assertEquals(100, seen.size());
        for (int i = 0; i < 100; i++) {
            assertEquals("n0-loop:" + i, seen.get(i));
        }
    }

    @Test
    void cancelledTaskNeverRuns() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        CountDownLatch later = new CountDownLatch(1);
        try (EventLoops loops = EventLoops.start("n0-loop", 1)) {
            ThreadScheduler scheduler = new ThreadScheduler(loops.next(), (t, e) -> {});
            scheduler.schedule(60_000, ran::countDown).cancel();
            scheduler.schedule(1, later::countDown);
            assertTrue(later.await(10, TimeUnit.SECONDS));
        }
        assertEquals(1, ran.getCount());
    }

    @Test
    void exceptionsReachTheFailureHandler() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);
        try (EventLoops loops = EventLoops.start("n0-loop", 1)) {
            ThreadScheduler scheduler =
                    new ThreadScheduler(
                            loops.next(),
                            (t, e) -> {
                                failure.set(e);
                                failed.countDown();
                            });
            scheduler.execute(
                    () -> {
                        throw new IllegalStateException("broken invariant");
                    });
            assertTrue(failed.await(10, TimeUnit.SECONDS));
        }
        assertEquals("broken invariant", failure.get().getMessage());
    }
}
