package io.rarakoon.leaky;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A bounded multi-producer, single-consumer queue that never blocks a producer: when it is full,
 * {@link #offer} drops the item and counts the drop. Paxos tolerates lost messages, so dropping is
 * the right answer to a slow peer or a busy node; blocking the node loop never is.
 *
 * <p>Thread-safety: {@link #offer} may be called from any number of threads at once. {@link #poll}
 * and {@link #drainTo} take the same lock, so they are safe from any thread, but the buffer is
 * meant for one consumer at a time: only then do items leave in one stream, and {@link #awaitItems}
 * wakes a single waiter. Items keep the order in which their {@code offer} calls took effect, so
 * each producer's items keep that producer's order. The buffer owns no thread and reads no clock: a
 * consumer that waits hands in its deadline and its clock.
 *
 * <p>A lock guards the ring: it is held for a few array writes only, and it makes the wake-up of a
 * waiting consumer exact (an item offered while the consumer checks for emptiness is seen either by
 * the check or by the signal, never lost between them).
 *
 * @param <T> the item type; items are never null
 */
public final class LeakyBuffer<T> {
    private final Object[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int head;
    private int size;
    private long offerCount;
    private long dropCount;

    /**
     * Creates an empty buffer.
     *
     * @param capacityItems how many items it holds before it drops, between {@link
     *     Limits#CAPACITY_ITEMS_MIN} and {@link Limits#CAPACITY_ITEMS_MAX}
     * @throws IllegalArgumentException if the capacity is outside those limits
     */
    public LeakyBuffer(int capacityItems) {
        if (capacityItems < Limits.CAPACITY_ITEMS_MIN
                || capacityItems > Limits.CAPACITY_ITEMS_MAX) {
            throw new IllegalArgumentException(
                    "capacityItems "
                            + capacityItems
                            + " outside ["
                            + Limits.CAPACITY_ITEMS_MIN
                            + ", "
                            + Limits.CAPACITY_ITEMS_MAX
                            + "]");
        }
        this.ring = new Object[capacityItems];
    }

    /**
     * Adds an item at the tail, or drops it and counts the drop when the buffer is full. Never
     * blocks beyond the few instructions the lock is held. Any thread.
     *
     * @return true if the item was queued, false if it was dropped
     * @throws NullPointerException if item is null
     */
    public boolean offer(T item) {
        if (item == null) {
            throw new NullPointerException("item");
        }
        lock.lock();
        try {
            offerCount++;
            if (size == ring.length) {
                dropCount++;
                return false;
            }
            ring[(head + size) % ring.length] = item;
            size++;
            if (size == 1) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the head item, or empty when there is none. Consumer thread. */
    public Optional<T> poll() {
        lock.lock();
        try {
            return size == 0 ? Optional.empty() : Optional.of(removeHead());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code itemsMax} items, oldest first, into {@code sink}. Consumer thread. The
     * sink is filled while the lock is held, so it must be a plain collection (an {@code
     * ArrayList}).
     *
     * @return the number of items moved
     * @throws IllegalArgumentException if itemsMax is negative
     */
    public int drainTo(Collection<? super T> sink, int itemsMax) {
        if (itemsMax < 0) {
            throw new IllegalArgumentException("itemsMax " + itemsMax + " is negative");
        }
        lock.lock();
        try {
            int count = Math.min(itemsMax, size);
            for (int i = 0; i < count; i++) {
                sink.add(removeHead());
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the buffer holds an item or the clock reaches {@code deadlineNanos}, whichever
     * comes first. Consumer thread. Spurious wake-ups are absorbed: the method returns early only
     * with an item present.
     *
     * @param deadlineNanos the instant, on {@code clockNanos}, at which to give up
     * @param clockNanos the caller's monotonic clock in nanoseconds
     * @return true if an item is present, false if the deadline passed first
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitItems(long deadlineNanos, LongSupplier clockNanos)
            throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (size == 0) {
                long remainingNanos = deadlineNanos - clockNanos.getAsLong();
                if (remainingNanos <= 0) {
                    return false;
                }
                notEmpty.await(remainingNanos, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The number of items queued now. Any thread; a snapshot that may be stale at once. */
    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** How many items this buffer holds at most. Any thread. */
    public int capacityItems() {
        return ring.length;
    }

    /** How many offers were dropped because the buffer was full, since creation. Any thread. */
    public long dropCount() {
        lock.lock();
        try {
            return dropCount;
        } finally {
            lock.unlock();
        }
    }

    /** How many offers were made, queued or dropped, since creation. Any thread. */
    public long offerCount() {
        lock.lock();
        try {
            return offerCount;
        } finally {
            lock.unlock();
        }
    }

    private T removeHead() {
        assert lock.isHeldByCurrentThread() && size > 0;
        @SuppressWarnings("unchecked")
        T item = (T) ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        return item;
    }
}
