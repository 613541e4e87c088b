package io.rarakoon.wal;

import java.io.IOException;
import java.util.List;

/**
 * Wraps a Disk and fails every mutating operation (create, write, truncate, force, rename, delete,
 * directory sync) from the {@code failAt}-th one on, counted from 0: a power cut at that step.
 * Reads keep working. Shows the port is small enough to wrap, as the simulator will.
 */
final class FaultyDisk implements Disk {
    private final Disk inner;
    private final long failAt;
    private long mutationCount;

    FaultyDisk(Disk inner, long failAt) {
        this.inner = inner;
        this.failAt = failAt;
    }

    /** Whether the failure point was reached. */
    synchronized boolean failed() {
        return mutationCount > failAt;
    }

    private synchronized void mutation(String what) throws IOException {
        if (mutationCount++ >= failAt) {
            throw new IOException("simulated power cut at mutation " + failAt + " (" + what + ")");
        }
    }

    @Override
    public List<String> list() throws IOException {
        return inner.list();
    }

    @Override
    public DiskFile open(String name) throws IOException {
        return new FaultyFile(inner.open(name), name);
    }

    @Override
    public DiskFile create(String name) throws IOException {
        mutation("create " + name);
        return new FaultyFile(inner.create(name), name);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        mutation("rename " + from);
        inner.rename(from, to);
    }

    @Override
    public void delete(String name) throws IOException {
        mutation("delete " + name);
        inner.delete(name);
    }

    @Override
    public void syncDirectory() throws IOException {
        mutation("sync directory");
        inner.syncDirectory();
    }

    private final class FaultyFile implements DiskFile {
        private final DiskFile file;
        private final String name;

        FaultyFile(DiskFile file, String name) {
            this.file = file;
            this.name = name;
        }

        @Override
        public long sizeBytes() throws IOException {
            return file.sizeBytes();
        }

        @Override
        public int read(long offsetBytes, byte[] into, int from, int lengthBytes)
                throws IOException {
            return file.read(offsetBytes, into, from, lengthBytes);
        }

        @Override
        public void write(long offsetBytes, byte[] bytes, int from, int lengthBytes)
                throws IOException {
            mutation("write " + name);
            file.write(offsetBytes, bytes, from, lengthBytes);
        }

        @Override
        public void force() throws IOException {
            mutation("force " + name);
            file.force();
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            mutation("truncate " + name);
            file.truncate(sizeBytes);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
