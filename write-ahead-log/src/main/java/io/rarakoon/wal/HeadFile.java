package io.rarakoon.wal;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * The head snapshot file {@code head.snap}: a header carrying the head index, the body length and
 * its CRC32C, then the store's snapshot bytes, opaque to the log. Written to a temporary name,
 * forced, renamed and the directory forced, so a crash leaves the old head or the new one.
 */
final class HeadFile {

    /** Writes a head snapshot body to a stream. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A verified head.
     *
     * @param headIndex the index the snapshot was taken at
     * @param logRestartIndex 0 for a head built from the log; otherwise the index the log restarts
     *     at after a head installed from a peer (head index + 1): older segments are superseded
     */
    record Verified(long headIndex, long logRestartIndex) {}

    private HeadFile() {}

    /**
     * Checks the head file's header, length and body checksum.
     *
     * @throws CorruptLogException naming what is wrong
     */
    static Verified verify(Disk disk, int entriesPerSegment) throws IOException {
        try (DiskFile file = disk.open(FileNames.HEAD)) {
            FileHeader header =
                    FileHeader.read(file, FileNames.HEAD, FileKind.HEAD, entriesPerSegment);
            long size = file.sizeBytes();
            if (header.bodyBytes() != size - FileHeader.BYTES) {
                throw new CorruptLogException(
                        FileNames.HEAD,
                        40,
                        "body length",
                        size - FileHeader.BYTES,
                        header.bodyBytes());
            }
            int crc = DiskFileStreams.crc(file, FileHeader.BYTES, size);
            if (crc != header.bodyCrc()) {
                throw new CorruptLogException(
                        FileNames.HEAD,
                        FileHeader.BYTES,
                        "body checksum",
                        FileHeader.hex(header.bodyCrc()),
                        FileHeader.hex(crc));
            }
            if (header.number() < 0) {
                throw new CorruptLogException(
                        FileNames.HEAD, 8, "head index", ">= 0", header.number());
            }
            long restart = header.firstIndex();
            if (restart != 0 && restart != header.number() + 1) {
                throw new CorruptLogException(
                        FileNames.HEAD, 24, "log restart index", "0 or head index + 1", restart);
            }
            return new Verified(header.number(), restart);
        }
    }

    /**
     * Opens the head body; the stream checks the body checksum when it reaches the end and throws
     * {@link CorruptLogException} on a mismatch.
     */
    static InputStream openBody(Disk disk, int entriesPerSegment) throws IOException {
        DiskFile file = disk.open(FileNames.HEAD);
        try {
            FileHeader header =
                    FileHeader.read(file, FileNames.HEAD, FileKind.HEAD, entriesPerSegment);
            InputStream body =
                    DiskFileStreams.in(
                            file, FileHeader.BYTES, FileHeader.BYTES + header.bodyBytes());
            return new CheckedBody(body, file, header.bodyCrc());
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Writes a new head for {@code headIndex} durably, replacing the old one. */
    static void write(Disk disk, long headIndex, int entriesPerSegment, BodyWriter body)
            throws IOException {
        write(disk, headIndex, 0, entriesPerSegment, body);
    }

    /**
     * Writes a new head durably, replacing the old one: temporary file, force, rename, directory
     * force, so a crash leaves the old head or the new one.
     *
     * @param logRestartIndex 0, or head index + 1 when the segments before it are superseded
     */
    static void write(
            Disk disk, long headIndex, long logRestartIndex, int entriesPerSegment, BodyWriter body)
            throws IOException {
        if (disk.list().contains(FileNames.HEAD_TEMP)) {
            disk.delete(FileNames.HEAD_TEMP);
        }
        try (DiskFile file = disk.create(FileNames.HEAD_TEMP)) {
            file.write(0, new byte[FileHeader.BYTES], 0, FileHeader.BYTES);
            DiskFileStreams.CountingOutput counting =
                    new DiskFileStreams.CountingOutput(file, FileHeader.BYTES);
            OutputStream buffered = new BufferedOutputStream(counting, Limits.READ_CHUNK_BYTES);
            body.writeTo(buffered);
            buffered.flush();
            FileHeader header =
                    new FileHeader(
                            FileKind.HEAD,
                            headIndex,
                            entriesPerSegment,
                            0,
                            logRestartIndex,
                            0,
                            counting.writtenBytes(),
                            0,
                            counting.crc());
            byte[] headerBytes = header.encode();
            file.write(0, headerBytes, 0, headerBytes.length);
            file.force();
        }
        disk.rename(FileNames.HEAD_TEMP, FileNames.HEAD);
        disk.syncDirectory();
    }

    /** The head body, checked against its CRC32C at the end; closes the file with itself. */
    private static final class CheckedBody extends FilterInputStream {
        private final DiskFile file;
        private final int expectedCrc;
        private final CRC32C crc = new CRC32C();
        private boolean checked;

        CheckedBody(InputStream in, DiskFile file, int expectedCrc) {
            super(in);
            this.file = file;
            this.expectedCrc = expectedCrc;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int from, int length) throws IOException {
            int count = in.read(into, from, length);
            if (count > 0) {
                crc.update(into, from, count);
            } else if (count < 0 && !checked) {
                checked = true;
                int actual = (int) crc.getValue();
                if (actual != expectedCrc) {
                    throw new CorruptLogException(
                            FileNames.HEAD,
                            FileHeader.BYTES,
                            "body checksum",
                            FileHeader.hex(expectedCrc),
                            FileHeader.hex(actual));
                }
            }
            return count;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] discard = new byte[(int) Math.min(n, Limits.READ_CHUNK_BYTES)];
            int count = read(discard, 0, discard.length);
            return Math.max(count, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
