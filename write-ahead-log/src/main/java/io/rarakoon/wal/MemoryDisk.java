package io.rarakoon.wal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A {@link Disk} in memory that models what survives a power loss, for tests and the simulator.
 *
 * <p>Each file keeps its bytes and, for the writes and truncations since its last {@code force},
 * what they replaced, so a crash can undo them. The directory keeps its durable name table (as of
 * the last {@link #syncDirectory}) next to the current one. {@link #crash()} drops everything
 * pending: unforced bytes vanish, a file created or renamed without a directory sync disappears or
 * reverts to its old name, a deleted file comes back. {@link #crash(RandomGenerator)} may in
 * addition keep, per file, a prefix of the pending writes with the last kept write torn at a random
 * length; the caller's generator makes this deterministic. Handles opened before a crash fail
 * afterwards.
 *
 * <p>Thread-safe: every operation holds the disk's monitor.
 */
public final class MemoryDisk implements Disk {

    private final TreeMap<String, Node> names = new TreeMap<>();
    private final TreeMap<String, Node> durableNames = new TreeMap<>();
    private long generation;

    @Override
    public synchronized List<String> list() {
        return new ArrayList<>(names.keySet());
    }

    @Override
    public synchronized DiskFile open(String name) throws IOException {
        Node node = names.get(name);
        if (node == null) {
            throw new NoSuchFileException(name);
        }
        return new MemoryFile(node, generation);
    }

    @Override
    public synchronized DiskFile create(String name) throws IOException {
        if (names.containsKey(name)) {
            throw new FileAlreadyExistsException(name);
        }
        Node node = new Node();
        names.put(name, node);
        return new MemoryFile(node, generation);
    }

    @Override
    public synchronized void rename(String from, String to) throws IOException {
        Node node = names.remove(from);
        if (node == null) {
            throw new NoSuchFileException(from);
        }
        names.put(to, node);
    }

    @Override
    public synchronized void delete(String name) throws IOException {
        if (names.remove(name) == null) {
            throw new NoSuchFileException(name);
        }
    }

    @Override
    public synchronized void syncDirectory() {
        durableNames.clear();
        durableNames.putAll(names);
    }

    /** Simulates a power loss that keeps nothing unforced; see the class comment. */
    public synchronized void crash() {
        crash(null);
    }

    /**
     * Simulates a power loss in which each file may keep a prefix of its pending writes, the last
     * kept one torn at a length drawn from {@code random}; files are visited in name order so a
     * seeded generator gives the same result every time.
     */
    public synchronized void crash(RandomGenerator random) {
        generation++;
        names.clear();
        for (Map.Entry<String, Node> named : durableNames.entrySet()) {
            Node node = named.getValue();
            node.crash(random);
            names.put(named.getKey(), node);
        }
    }

    /**
     * A change not yet forced, with what it replaced so a crash can undo it: a write of {@code
     * bytes} at {@code offset}, or a truncation to {@code offset} ({@code bytes == null}). {@code
     * replaced} holds the old bytes of the range it changed, {@code sizeBefore} the old file size.
     */
    private record Pending(long offset, byte[] bytes, byte[] replaced, int sizeBefore) {}

    /**
     * The contents of one file, shared by its handles and its names. Forcing is cheap (the undo
     * list is cleared); a crash undoes the pending changes newest first, then may redo a prefix.
     */
    private static final class Node {
        private byte[] data = new byte[0];
        private int size;
        private final List<Pending> pending = new ArrayList<>();

        void write(long offset, byte[] bytes, int from, int length) {
            byte[] copy = Arrays.copyOfRange(bytes, from, from + length);
            int start = (int) offset;
            int replacedEnd = Math.min(size, start + length);
            byte[] replaced =
                    start < replacedEnd ? Arrays.copyOfRange(data, start, replacedEnd) : null;
            pending.add(new Pending(offset, copy, replaced, size));
            apply(start, copy, copy.length);
        }

        void truncate(long newSize) {
            int end = (int) Math.min(newSize, size);
            pending.add(new Pending(end, null, Arrays.copyOfRange(data, end, size), size));
            size = end;
        }

        void force() {
            pending.clear();
        }

        void crash(RandomGenerator random) {
            List<Pending> changes = new ArrayList<>(pending);
            for (int i = changes.size() - 1; i >= 0; i--) {
                undo(changes.get(i));
            }
            pending.clear();
            if (random == null || changes.isEmpty()) {
                return;
            }
            int kept = random.nextInt(changes.size() + 1);
            for (int i = 0; i < kept; i++) {
                Pending change = changes.get(i);
                if (change.bytes() == null) {
                    size = (int) change.offset();
                } else {
                    boolean last = i == kept - 1;
                    int length =
                            last
                                    ? random.nextInt(change.bytes().length + 1)
                                    : change.bytes().length;
                    apply((int) change.offset(), change.bytes(), length);
                }
            }
            pending.clear();
        }

        private void undo(Pending change) {
            if (change.replaced() != null) {
                int at = (int) change.offset();
                System.arraycopy(change.replaced(), 0, data, at, change.replaced().length);
            }
            size = change.sizeBefore();
        }

        /** Writes {@code bytes[0..length)} at {@code start}, zero-filling any hole. */
        private void apply(int start, byte[] bytes, int length) {
            int end = start + length;
            if (end > data.length) {
                data = Arrays.copyOf(data, Math.max(end, data.length * 2));
            }
            if (start > size) {
                Arrays.fill(data, size, start, (byte) 0);
            }
            System.arraycopy(bytes, 0, data, start, length);
            size = Math.max(size, end);
        }
    }

    /** A handle on a node, valid until the next crash. */
    private final class MemoryFile implements DiskFile {
        private final Node node;
        private final long openedInGeneration;

        MemoryFile(Node node, long openedInGeneration) {
            this.node = node;
            this.openedInGeneration = openedInGeneration;
        }

        @Override
        public long sizeBytes() throws IOException {
            synchronized (MemoryDisk.this) {
                checkAlive();
                return node.size;
            }
        }

        @Override
        public int read(long offsetBytes, byte[] into, int from, int lengthBytes)
                throws IOException {
            synchronized (MemoryDisk.this) {
                checkAlive();
                if (offsetBytes >= node.size) {
                    return -1;
                }
                int count = (int) Math.min(lengthBytes, node.size - offsetBytes);
                System.arraycopy(node.data, (int) offsetBytes, into, from, count);
                return count;
            }
        }

        @Override
        public void write(long offsetBytes, byte[] bytes, int from, int lengthBytes)
                throws IOException {
            if (offsetBytes + lengthBytes > Integer.MAX_VALUE - 8) {
                throw new IOException("MemoryDisk files are limited to 2 GiB");
            }
            synchronized (MemoryDisk.this) {
                checkAlive();
                node.write(offsetBytes, bytes, from, lengthBytes);
            }
        }

        @Override
        public void force() throws IOException {
            synchronized (MemoryDisk.this) {
                checkAlive();
                node.force();
            }
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            synchronized (MemoryDisk.this) {
                checkAlive();
                node.truncate(sizeBytes);
            }
        }

        @Override
        public void close() {
            // Nothing to release: the node lives as long as a name or a handle refers to it.
        }

        private void checkAlive() throws IOException {
            if (openedInGeneration != generation) {
                throw new IOException("file handle opened before a crash");
            }
        }
    }
}
