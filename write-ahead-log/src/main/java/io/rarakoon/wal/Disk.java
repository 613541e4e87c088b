package io.rarakoon.wal;

import java.io.IOException;
import java.util.List;

/**
 * The storage port of the write-ahead log: one directory of named files. {@link NioDisk} is the
 * production implementation, {@link MemoryDisk} the simulated one; a fault-injecting simulator
 * wraps either.
 *
 * <p>Durability follows POSIX: bytes written to a file are durable after {@link DiskFile#force}; a
 * file creation, rename or deletion is durable after {@link #syncDirectory}. Names are plain file
 * names without separators. Implementations are safe to call from several threads.
 */
public interface Disk {

    /**
     * Lists the names of the files in the directory, sorted.
     *
     * @throws IOException when the directory cannot be read
     */
    List<String> list() throws IOException;

    /**
     * Opens an existing file for reading and writing.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException on any other I/O failure
     */
    DiskFile open(String name) throws IOException;

    /**
     * Creates a new, empty file and opens it for reading and writing. The file's name is durable
     * only after the next {@link #syncDirectory}.
     *
     * @throws java.nio.file.FileAlreadyExistsException when a file of that name exists
     * @throws IOException on any other I/O failure
     */
    DiskFile create(String name) throws IOException;

    /**
     * Atomically renames a file, replacing the target if it exists. Durable after the next {@link
     * #syncDirectory}.
     *
     * @throws IOException when the source does not exist or the rename fails
     */
    void rename(String from, String to) throws IOException;

    /**
     * Deletes a file. Durable after the next {@link #syncDirectory}; open handles keep working.
     *
     * @throws IOException when the file does not exist or cannot be deleted
     */
    void delete(String name) throws IOException;

    /**
     * Makes every earlier creation, rename and deletion in the directory durable.
     *
     * @throws IOException when the sync fails; the caller must not assume anything is durable
     */
    void syncDirectory() throws IOException;
}
