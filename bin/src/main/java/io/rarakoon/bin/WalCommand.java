package io.rarakoon.bin;

import io.rarakoon.wal.CorruptLogException;
import io.rarakoon.wal.SegmentInspector;
import io.rarakoon.wal.Wal;
import io.rarakoon.wal.WalEntry;
import io.rarakoon.wire.WireCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rarakoon wal dump|verify PATH}: reads log segments strictly, as {@link SegmentInspector}
 * does (a torn tail is an error here, nothing is repaired). PATH is one segment file or a log
 * folder, whose {@code NNN.wal} and {@code NNN.walz} files are read in segment order. Read-only;
 * run it on a stopped node or on copies, since a running node may be writing the newest segment.
 */
@Command(
        name = "wal",
        mixinStandardHelpOptions = true,
        description = "Dump or verify write-ahead log segments (local files).",
        footer = {
            "",
            "Exit codes: 0 every file is intact, 1 a file cannot be read, 2 bad command",
            "line, 49 a file is corrupt (the message names file and offset)."
        })
final class WalCommand {
    @Spec private CommandSpec spec;

    @Command(
            mixinStandardHelpOptions = true,
            name = "dump",
            description =
                    "Print one line per entry: index and payload length; with --values also the"
                            + " term and the decoded Paxos value. Then a summary line per file.")
    int dump(
            @Parameters(paramLabel = "PATH") Path path,
            @Option(names = "--values", description = "Also print each decoded value.")
                    boolean values) {
        PrintWriter out = spec.commandLine().getOut();
        WireCodec codec = new WireCodec();
        return inspectAll(path, entry -> out.println(EntryText.describe(codec, entry, values)));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "verify",
            description = "Check every record of every file; print OK per file or the first error.")
    int verify(@Parameters(paramLabel = "PATH") Path path) {
        return inspectAll(path, entry -> {});
    }

    private int inspectAll(Path path, Consumer<WalEntry> visitor) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            for (Path file : segmentFiles(path)) {
                SegmentInspector.Summary summary = SegmentInspector.inspect(file, visitor);
                out.println(summary.fileName() + " OK: " + describe(summary));
            }
            return ExitCodes.OK;
        } catch (CorruptLogException e) {
            err.println("corrupt: " + e.getMessage());
            return ExitCodes.CORRUPT_STORAGE;
        } catch (IOException e) {
            err.println("cannot read: " + e);
            return ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String describe(SegmentInspector.Summary summary) {
        String indexes =
                summary.firstIndex() == Wal.NO_INDEX
                        ? "no entries"
                        : "indexes " + summary.firstIndex() + ".." + summary.lastIndex();
        return summary.recordCount()
                + " records, "
                + indexes
                + (summary.compressed() ? ", compressed" : "");
    }

    /** The segment files of a folder in segment order, or the file itself. */
    private static List<Path> segmentFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(WalCommand::isSegment)
                    .sorted(
                            Comparator.comparingLong(WalCommand::segmentNumber)
                                    .thenComparing(Path::getFileName))
                    .toList();
        }
    }

    private static long segmentNumber(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }

    /** Segment names as docs/wal-format.md gives them: digits, then .wal or .walz. */
    private static boolean isSegment(Path file) {
        return file.getFileName().toString().matches("[0-9]{3,18}\\.walz?");
    }
}
