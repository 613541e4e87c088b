package io.rarakoon.bin;

import io.rarakoon.kv.CorruptSnapshotException;
import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Limits;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.wal.CorruptLogException;
import io.rarakoon.wal.DiskFile;
import io.rarakoon.wal.MemoryDisk;
import io.rarakoon.wal.Wal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rarakoon store dump PATH}: prints the applied index, master, key count and digest of a
 * head snapshot file ({@code head.snap}) or of a backup written by {@code admin backup-db}. A head
 * file is read through the WAL's own API (header, length and checksum checks) on an in-memory copy,
 * so the tool never changes the folder it reads from; a backup is the bare kv-store snapshot.
 * Either way the snapshot is restored and checked. Equal digests mean equal stores.
 */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Inspect a head snapshot or a backup file (local files).",
        footer = {
            "",
            "Exit codes: 0 intact, 1 the file cannot be read, 2 bad command line,",
            "49 the file is corrupt (the message says where)."
        })
final class StoreCommand {
    /** The head file's name inside a WAL folder (docs/wal-format.md). */
    private static final String HEAD = "head.snap";

    /** Offset of the int32 entries per segment in every WAL file header (docs/wal-format.md). */
    private static final int ENTRIES_PER_SEGMENT_OFFSET = 16;

    /** Bytes copied per read into the in-memory disk. */
    private static final int COPY_CHUNK_BYTES = 64 * 1024;

    @Spec private CommandSpec spec;

    @Command(
            mixinStandardHelpOptions = true,
            name = "dump",
            description =
                    "Print the applied index, master, key count and digest of PATH: a head"
                            + " snapshot (also its head index) or a backup-db file.")
    int dump(@Parameters(paramLabel = "PATH") Path path) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (isBackup(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    print(out, restore(in));
                }
                return ExitCodes.OK;
            }
            MemoryDisk disk = copyOf(path);
            try (Wal wal = Wal.open(disk, entriesPerSegment(path), Runnable::run);
                    InputStream head = wal.openHead()) {
                out.println("head index: " + wal.headIndex());
                print(out, restore(head));
            }
            return ExitCodes.OK;
        } catch (CorruptLogException | CorruptSnapshotException e) {
            err.println("corrupt: " + path + ": " + e.getMessage());
            return ExitCodes.CORRUPT_STORAGE;
        } catch (IOException e) {
            err.println("cannot read: " + e);
            return ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static KvStore restore(InputStream snapshot) throws IOException {
        return KvStore.restore(snapshot, Limits.FIELD_BYTES_MAX, UserFunctionRegistry.empty());
    }

    private static void print(PrintWriter out, KvStore store) {
        out.println("applied index: " + store.appliedIndex().orElse(Wal.NO_INDEX));
        out.println("master: " + store.master().orElse("none"));
        out.println("keys: " + store.keyCount());
        out.println("digest: " + HexFormat.of().formatHex(store.digest().toByteArray()));
    }

    /** A backup is a bare kv-store snapshot: it starts with the snapshot's magic. */
    private static boolean isBackup(Path path) throws IOException {
        byte[] magic = KvStore.snapshotMagic();
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        }
    }

    /** The file, under the head's name, on a disk the WAL may recover without touching PATH. */
    private static MemoryDisk copyOf(Path path) throws IOException {
        MemoryDisk disk = new MemoryDisk();
        try (DiskFile file = disk.create(HEAD);
                InputStream in = Files.newInputStream(path)) {
            byte[] chunk = new byte[COPY_CHUNK_BYTES];
            long offsetBytes = 0;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                file.write(offsetBytes, chunk, 0, n);
                offsetBytes += n;
            }
            file.force();
        }
        disk.syncDirectory();
        return disk;
    }

    /**
     * The WAL checks that a head was written with the log's entries per segment, so the tool passes
     * the value the header records; an out-of-range value (a damaged or foreign file) is replaced
     * by the default, and the WAL's header checks then name what is wrong.
     */
    private static int entriesPerSegment(Path path) throws IOException {
        byte[] header = new byte[ENTRIES_PER_SEGMENT_OFFSET + Integer.BYTES];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(header, 0, header.length);
        }
        int recorded =
                read < header.length
                        ? 0
                        : ByteBuffer.wrap(header).getInt(ENTRIES_PER_SEGMENT_OFFSET);
        boolean inRange =
                recorded >= io.rarakoon.wal.Limits.ENTRIES_PER_SEGMENT_MIN
                        && recorded <= io.rarakoon.wal.Limits.ENTRIES_PER_SEGMENT_MAX;
        return inRange ? recorded : io.rarakoon.wal.Limits.ENTRIES_PER_SEGMENT_DEFAULT;
    }
}
