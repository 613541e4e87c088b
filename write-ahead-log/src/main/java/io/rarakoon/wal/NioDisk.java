package io.rarakoon.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The production {@link Disk}: a directory of the local file system, files through {@link
 * FileChannel}, {@code force} for file durability and a forced channel on the directory itself for
 * name durability (Linux honours fsync on a directory opened read-only).
 */
public final class NioDisk implements Disk {

    private final Path directory;

    /**
     * Uses an existing directory.
     *
     * @throws IOException when {@code directory} is not a directory
     */
    public NioDisk(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("not a directory: " + directory);
        }
        this.directory = directory;
    }

    @Override
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    @Override
    public DiskFile open(String name) throws IOException {
        return new NioFile(
                FileChannel.open(resolve(name), StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    @Override
    public DiskFile create(String name) throws IOException {
        return new NioFile(
                FileChannel.open(
                        resolve(name),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE));
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Files.move(
                resolve(from),
                resolve(to),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.delete(resolve(name));
    }

    @Override
    public void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private Path resolve(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return directory.resolve(name);
    }

    /** A {@link DiskFile} over one channel. */
    private static final class NioFile implements DiskFile {
        private final FileChannel channel;

        NioFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long sizeBytes() throws IOException {
            return channel.size();
        }

        @Override
        public int read(long offsetBytes, byte[] into, int from, int lengthBytes)
                throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(into, from, lengthBytes);
            int total = 0;
            while (buffer.hasRemaining()) {
                int count = channel.read(buffer, offsetBytes + total);
                if (count < 0) {
                    return total == 0 ? -1 : total;
                }
                total += count;
            }
            return total;
        }

        @Override
        public void write(long offsetBytes, byte[] bytes, int from, int lengthBytes)
                throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, from, lengthBytes);
            long position = offsetBytes;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            channel.truncate(sizeBytes);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
