package io.rarakoon.node;

import io.rarakoon.wal.Disk;
import io.rarakoon.wal.DiskFile;
import io.rarakoon.wal.MemoryDisk;
import java.io.IOException;
import java.util.List;

/**
 * A {@link MemoryDisk} whose fsyncs or writes (a full disk) can be made to fail, to test that the
 * node then stops.
 */
final class FaultyDisk implements Disk {
    final MemoryDisk memory = new MemoryDisk();
    volatile boolean failForce;
    volatile boolean full;

    @Override
    public List<String> list() throws IOException {
        return memory.list();
    }

    @Override
    public DiskFile open(String name) throws IOException {
        return new File(memory.open(name));
    }

    @Override
    public DiskFile create(String name) throws IOException {
        return new File(memory.create(name));
    }

    @Override
    public void rename(String from, String to) throws IOException {
        memory.rename(from, to);
    }

    @Override
    public void delete(String name) throws IOException {
        memory.delete(name);
    }

    @Override
    public void syncDirectory() throws IOException {
        memory.syncDirectory();
    }

    private final class File implements DiskFile {
        private final DiskFile inner;

        File(DiskFile inner) {
            this.inner = inner;
        }

        @Override
        public long sizeBytes() throws IOException {
            return inner.sizeBytes();
        }

        @Override
        public int read(long offsetBytes, byte[] into, int from, int lengthBytes)
                throws IOException {
            return inner.read(offsetBytes, into, from, lengthBytes);
        }

        @Override
        public void write(long offsetBytes, byte[] bytes, int from, int lengthBytes)
                throws IOException {
            if (full) {
                throw new IOException("No space left on device (injected)");
            }
            inner.write(offsetBytes, bytes, from, lengthBytes);
        }

        @Override
        public void force() throws IOException {
            if (failForce) {
                throw new IOException("injected fsync failure");
            }
            inner.force();
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            inner.truncate(sizeBytes);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
