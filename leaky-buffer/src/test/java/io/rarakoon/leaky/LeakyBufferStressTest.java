package io.rarakoon.leaky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bounded multi-threaded stress: four producers offer a fixed number of tagged items each while one
 * consumer drains. Checks that the consumer never sees more than the capacity at once, that each
 * producer's items arrive in that producer's order, and that delivered + dropped = offered exactly.
 * Every wait is bounded by a latch with a generous timeout.
 */
class LeakyBufferStressTest {
    private static final int PRODUCER_COUNT = 4;
    private static final int ITEMS_PER_PRODUCER = 50_000;
    private static final int CAPACITY_ITEMS = 64;

    /** An item: which producer made it, and its sequence number there. */
    record Item(int producer, int sequence) {}

    @Test
    void keepsCapacityOrderAndExactDropCountUnderContention() throws InterruptedException {
        LeakyBuffer<Item> buffer = new LeakyBuffer<>(CAPACITY_ITEMS);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch producersDone = new CountDownLatch(PRODUCER_COUNT);
        AtomicLong refusedCount = new AtomicLong();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCER_COUNT; p++) {
            int producer = p;
            Thread thread =
                    new Thread(
                            () -> {
                                awaitQuietly(start);
                                for (int s = 0; s < ITEMS_PER_PRODUCER; s++) {
                                    if (!buffer.offer(new Item(producer, s))) {
                                        refusedCount.incrementAndGet();
                                    }
                                }
                                producersDone.countDown();
                            });
            thread.start();
            producers.add(thread);
        }
        int[] lastSequence = new int[PRODUCER_COUNT];
        Arrays.fill(lastSequence, -1);
        long delivered = 0;
        start.countDown();
        List<Item> batch = new ArrayList<>();
        // Bounded loop: each round either drains something or sees the producers finish.
        for (long round = 0; round < 100_000_000L; round++) {
            boolean finished = producersDone.getCount() == 0;
            batch.clear();
            assertTrue(buffer.size() <= CAPACITY_ITEMS);
            buffer.drainTo(batch, Integer.MAX_VALUE);
            assertTrue(batch.size() <= CAPACITY_ITEMS);
            for (Item item : batch) {
                assertTrue(item.sequence() > lastSequence[item.producer()], "order " + item);
                lastSequence[item.producer()] = item.sequence();
            }
            delivered += batch.size();
            if (finished && batch.isEmpty()) {
                break;
            }
        }
        assertTrue(producersDone.await(30, TimeUnit.SECONDS));
        for (Thread thread : producers) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        long offered = (long) PRODUCER_COUNT * ITEMS_PER_PRODUCER;
        assertEquals(offered, buffer.offerCount());
        assertEquals(refusedCount.get(), buffer.dropCount());
        assertEquals(offered, delivered + buffer.dropCount());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
