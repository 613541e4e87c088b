package io.rarakoon.wal;

import java.io.Closeable;
import java.io.IOException;

/**
 * An open file of a {@link Disk}. Written bytes are durable only after {@link #force()}. One handle
 * is used by one thread at a time.
 */
public interface DiskFile extends Closeable {

    /**
     * Returns the file's current size in bytes, including bytes not yet forced.
     *
     * @throws IOException on an I/O failure
     */
    long sizeBytes() throws IOException;

    /**
     * Reads up to {@code lengthBytes} bytes at {@code offsetBytes} into {@code into[from..]}.
     *
     * @return the number of bytes read, or -1 when {@code offsetBytes} is at or past the end
     * @throws IOException on an I/O failure
     */
    int read(long offsetBytes, byte[] into, int from, int lengthBytes) throws IOException;

    /**
     * Writes {@code bytes[from..from+lengthBytes)} at {@code offsetBytes}, growing the file if
     * needed. Not durable until {@link #force()}.
     *
     * @throws IOException on an I/O failure
     */
    void write(long offsetBytes, byte[] bytes, int from, int lengthBytes) throws IOException;

    /**
     * Makes every earlier write and truncation of this file durable.
     *
     * @throws IOException when the sync fails; the caller must not assume anything is durable
     */
    void force() throws IOException;

    /**
     * Cuts the file to {@code sizeBytes}. Not durable until {@link #force()}.
     *
     * @throws IOException on an I/O failure
     */
    void truncate(long sizeBytes) throws IOException;
}
