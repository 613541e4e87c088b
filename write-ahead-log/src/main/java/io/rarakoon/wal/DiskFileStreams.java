package io.rarakoon.wal;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/** Streams over a byte range of a {@link DiskFile}, so zstd and the records can use streams. */
final class DiskFileStreams {

    private DiskFileStreams() {}

    /** A buffered stream of the bytes {@code [start, end)} of {@code file}. */
    static InputStream in(DiskFile file, long start, long end) {
        return new BufferedInputStream(new RangeInput(file, start, end), Limits.READ_CHUNK_BYTES);
    }

    /**
     * The decompressed bytes of the zstd body {@code [start, end)} of the file {@code name}. A body
     * that zstd cannot decode fails with {@link CorruptLogException} naming the file, not with
     * zstd's own exception: its checksum matched, so the damage predates the checksum.
     */
    static InputStream decompressed(DiskFile file, String name, long start, long end)
            throws IOException {
        return new ZstdBody(new ZstdInputStream(in(file, start, end)), name, start);
    }

    /** Turns zstd's decoding errors into {@link CorruptLogException}. */
    private static final class ZstdBody extends FilterInputStream {
        private final String name;
        private final long start;

        ZstdBody(InputStream zstd, String name, long start) {
            super(zstd);
            this.name = name;
            this.start = start;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (ZstdIOException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] into, int from, int length) throws IOException {
            try {
                return in.read(into, from, length);
            } catch (ZstdIOException e) {
                throw corrupt(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (ZstdIOException e) {
                throw corrupt(e);
            }
        }

        private CorruptLogException corrupt(ZstdIOException e) {
            return new CorruptLogException(
                    name, start, "zstd body", "a decodable zstd frame", e.getMessage());
        }
    }

    /** Reads {@code [start, end)} of a file. */
    private static final class RangeInput extends InputStream {
        private final DiskFile file;
        private final long end;
        private long position;

        RangeInput(DiskFile file, long start, long end) {
            this.file = file;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int from, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int wanted = (int) Math.min(length, end - position);
            int count = file.read(position, into, from, wanted);
            if (count > 0) {
                position += count;
            }
            return count;
        }
    }

    /** Writes to a file from {@code start} on, counting bytes and computing their CRC32C. */
    static final class CountingOutput extends OutputStream {
        private final DiskFile file;
        private final long start;
        private final CRC32C crc = new CRC32C();
        private long writtenBytes;

        CountingOutput(DiskFile file, long start) {
            this.file = file;
            this.start = start;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int from, int length) throws IOException {
            file.write(start + writtenBytes, bytes, from, length);
            crc.update(bytes, from, length);
            writtenBytes += length;
        }

        long writtenBytes() {
            return writtenBytes;
        }

        int crc() {
            return (int) crc.getValue();
        }
    }

    /** The CRC32C of {@code [start, end)} of a file, read in chunks. */
    static int crc(DiskFile file, long start, long end) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] chunk = new byte[Limits.READ_CHUNK_BYTES];
        long position = start;
        while (position < end) {
            int count = file.read(position, chunk, 0, (int) Math.min(chunk.length, end - position));
            if (count <= 0) {
                break;
            }
            crc.update(chunk, 0, count);
            position += count;
        }
        return (int) crc.getValue();
    }
}
