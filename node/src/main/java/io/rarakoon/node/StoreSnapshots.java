package io.rarakoon.node;

import io.rarakoon.kv.KvStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Snapshots of the live store taken on the loop thread, so nothing changes the store while it is
 * written: for GET_DB (backup) and COPY_DB_TO_HEAD. They are held in memory, so their size is
 * bounded by {@link Limits#GET_DB_BYTES_MAX}; past it the request is refused, not the heap spent.
 */
final class StoreSnapshots {
    private StoreSnapshots() {}

    /**
     * The store's snapshot bytes. Loop thread.
     *
     * @throws IOException naming the limit when the snapshot would exceed it
     */
    static byte[] of(KvStore store) throws IOException {
        Bounded out = new Bounded(Limits.GET_DB_BYTES_MAX);
        store.writeSnapshot(out);
        return out.bytes.toByteArray();
    }

    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int bytesMax;

        Bounded(int bytesMax) {
            this.bytesMax = bytesMax;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) throws IOException {
            if ((long) bytes.size() + length > bytesMax) {
                throw new IOException(
                        "store snapshot exceeds GET_DB_BYTES_MAX " + bytesMax + " bytes");
            }
            bytes.write(source, offset, length);
        }
    }
}
