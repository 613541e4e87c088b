package io.rarakoon.leaky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Examples of the contract of {@link LeakyBuffer}: dropping when full, draining, and waiting until
 * a deadline. Waiting is driven by a fake clock the test advances, so nothing depends on timing.
 */
class LeakyBufferTest {
    @Test
    void dropsAndCountsWhenFull() {
        LeakyBuffer<String> buffer = new LeakyBuffer<>(2);
        assertTrue(buffer.offer("a"));
        assertTrue(buffer.offer("b"));
        assertFalse(buffer.offer("c"));
        assertEquals(1, buffer.dropCount());
        assertEquals(3, buffer.offerCount());
        assertEquals(Optional.of("a"), buffer.poll());
        assertTrue(buffer.offer("d"));
        List<String> sink = new ArrayList<>();
        assertEquals(2, buffer.drainTo(sink, 10));
        assertEquals(List.of("b", "d"), sink);
        assertEquals(Optional.empty(), buffer.poll());
    }

    @Test
    void drainsNoMoreThanAsked() {
        LeakyBuffer<Integer> buffer = new LeakyBuffer<>(8);
        for (int i = 0; i < 5; i++) {
            buffer.offer(i);
        }
        List<Integer> sink = new ArrayList<>();
        assertEquals(3, buffer.drainTo(sink, 3));
        assertEquals(List.of(0, 1, 2), sink);
        assertEquals(2, buffer.size());
    }

    @Test
    void rejectsCapacityOutsideLimits() {
        IllegalArgumentException tooBig =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new LeakyBuffer<>(Limits.CAPACITY_ITEMS_MAX + 1));
        assertTrue(tooBig.getMessage().contains("capacityItems"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LeakyBuffer<>(0));
        assertThrows(NullPointerException.class, () -> new LeakyBuffer<>(1).offer(null));
    }

    @Test
    void awaitReturnsFalseOncePastTheDeadline() throws InterruptedException {
        LeakyBuffer<String> buffer = new LeakyBuffer<>(1);
        AtomicLong clock = new AtomicLong(100);
        assertFalse(buffer.awaitItems(100, clock::get));
        assertFalse(buffer.awaitItems(50, clock::get));
    }

    @Test
    void awaitReturnsAtOnceWhenAnItemIsPresent() throws InterruptedException {
        LeakyBuffer<String> buffer = new LeakyBuffer<>(1);
        buffer.offer("x");
        assertTrue(buffer.awaitItems(0, () -> 1));
    }

    @Test
    void offerWakesAWaitingConsumer() throws InterruptedException {
        LeakyBuffer<String> buffer = new LeakyBuffer<>(4);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean woke = new AtomicBoolean();
        // The clock reports "just started" until the test is done, so only an offer can end the
        // wait; the deadline is far away and the latch below bounds the test.
        Thread consumer =
                new Thread(
                        () -> {
                            try {
                                waiting.countDown();
                                woke.set(buffer.awaitItems(Long.MAX_VALUE, () -> 0));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        consumer.start();
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        buffer.offer("wake");
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(consumer.isAlive());
        assertTrue(woke.get());
    }
}
