package io.rarakoon.node;

import io.rarakoon.kv.Update;
import io.rarakoon.wal.EntryCursor;
import io.rarakoon.wal.WalEntry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The entries a start-up replay applies, read and decoded on a thread of its own a few batches
 * ahead of the caller, so that the caller's thread only applies: reading, checking and decoding the
 * log is about a fifth of a replay's time, and the store can take none of it over.
 *
 * <p>The reader thread alone uses the cursor it is given; batches pass through a bounded queue.
 * {@link #close} stops the reader without interrupting it: an interrupt would close the file
 * channel it reads from.
 */
final class ReplayReader implements AutoCloseable {

    /** One entry's index and the updates its value stands for. */
    record Decoded(long index, List<Update> updates) {}

    private static final int BATCH_ENTRIES = 64;

    private static final int BATCHES_AHEAD = 8;

    /** A batch of entries; the last one (possibly empty) ends the log or carries a failure. */
    private record Batch(List<Decoded> entries, boolean last, Throwable failure) {}

    private final EntryCursor cursor;
    private final long toIndex;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private volatile boolean closed;

    private Batch current = new Batch(List.of(), false, null);
    private int position;

    private ReplayReader(EntryCursor cursor, long toIndex) {
        this.cursor = cursor;
        this.toIndex = toIndex;
        this.thread = new Thread(this::readAll, "replay-reader");
        thread.setDaemon(true);
    }

    /** Starts reading {@code cursor}'s entries up to {@code toIndex}; the reader closes it. */
    static ReplayReader start(EntryCursor cursor, long toIndex) {
        ReplayReader reader = new ReplayReader(cursor, toIndex);
        reader.thread.start();
        return reader;
    }

    /**
     * The next entry, or null after the last one up to the end index.
     *
     * @throws CorruptStorageException naming the index when an entry cannot be decoded
     * @throws java.io.IOException as the cursor throws it (a corrupt or missing segment)
     */
    Decoded next() throws IOException {
        while (position == current.entries().size()) {
            if (current.last()) {
                rethrow(current.failure());
                return null;
            }
            try {
                current = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while replaying the log");
            }
            position = 0;
        }
        return current.entries().get(position++);
    }

    /** Stops the reader (it may finish one batch first) and waits for it. */
    @Override
    public void close() {
        closed = true;
        // The reader checks the flag before each put; emptied, the queue takes its last one.
        batches.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() {
        ValueCodec codec = new ValueCodec(); // not thread-safe: the reader's own
        List<Decoded> batch = new ArrayList<>(BATCH_ENTRIES);
        Throwable failure = null;
        try (cursor) {
            Optional<WalEntry> next = cursor.next();
            while (next.isPresent() && next.get().index() <= toIndex && !closed) {
                WalEntry entry = next.get();
                batch.add(new Decoded(entry.index(), codec.loggedUpdates(entry)));
                if (batch.size() == BATCH_ENTRIES) {
                    put(new Batch(batch, false, null));
                    batch = new ArrayList<>(BATCH_ENTRIES);
                }
                next = cursor.next();
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        } catch (InterruptedException e) {
            return; // nobody interrupts the reader; if someone does, it stops
        }
        try {
            put(new Batch(batch, true, failure));
        } catch (InterruptedException e) {
            // stopping: nobody takes the batch
        }
    }

    private void put(Batch batch) throws InterruptedException {
        if (!closed) {
            batches.put(batch);
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
