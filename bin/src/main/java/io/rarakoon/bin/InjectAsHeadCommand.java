package io.rarakoon.bin;

import io.rarakoon.kv.CorruptSnapshotException;
import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Limits;
import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.wal.CollapseInProgressException;
import io.rarakoon.wal.CollapseResult;
import io.rarakoon.wal.Collapser;
import io.rarakoon.wal.CorruptLogException;
import io.rarakoon.wal.NioDisk;
import io.rarakoon.wal.Wal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rarakoon inject-as-head DB --config F --node N [--force]} (Arakoon's {@code
 * --inject-as-head}, spec §3.8): installs a store database, typically a {@code backup-db} file of a
 * slave, as the head snapshot of a stopped node, and deletes the log segments it supersedes. The
 * database must be newer than the node's current head. When the node's log reaches past the
 * database, the log from the database's segment on is kept; otherwise the log restarts after it and
 * the node catches up from its peers when it starts.
 */
@Command(
        name = "inject-as-head",
        mixinStandardHelpOptions = true,
        description = "Install a database file as a stopped node's head snapshot (local files).",
        footer = {
            "",
            "Exit codes: 0 installed, 1 refused or failed (the node runs, the database is not",
            "newer than the head, a file cannot be written), 2 bad command line or cluster file,",
            "3 the current head is unreadable (--force keeps it as head.snap.unreadable and",
            "installs anyway), 4 the database is unreadable."
        })
final class InjectAsHeadCommand implements Callable<Integer> {
    /** Arakoon's exit code for an unreadable current head. */
    static final int HEAD_UNREADABLE = 3;

    /** Arakoon's exit code for an unreadable candidate database. */
    static final int DATABASE_UNREADABLE = 4;

    /** How long the check for a running node waits for its client port. */
    private static final int PROBE_TIMEOUT_MILLIS = 500;

    /** The head snapshot's file name in the tlog folder (docs/wal-format.md). */
    private static final String HEAD_FILE = "head.snap";

    /** Where --force keeps an unreadable head for the operator. */
    private static final String HEAD_ASIDE = HEAD_FILE + ".unreadable";

    /** Arakoon deletes every segment below the new head's own segment. */
    private static final int SEGMENTS_TO_KEEP = 1;

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "DB", description = "The database file, e.g. from backup-db.")
    private Path database;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "Cluster file.")
    private Path config;

    @Option(names = "--node", paramLabel = "NAME", required = true, description = "The node.")
    private String nodeName;

    @Option(
            names = "--force",
            description =
                    "Install even when the current head cannot be read; it is kept as"
                            + " head.snap.unreadable.")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return inject(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int inject(PrintWriter out, PrintWriter err) {
        Optional<ClusterConfig> cluster = NodeRunner.loadConfig(config, err);
        if (cluster.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Optional<NodeConfig> node = cluster.get().node(nodeName);
        if (node.isEmpty()) {
            err.println("--node: '" + nodeName + "' is not in the cluster file");
            return ExitCodes.USAGE;
        }
        if (answers(node.get())) {
            err.println(nodeName + " is running (its client port answers); stop it first");
            return ExitCodes.FAILED;
        }
        byte[] bytes;
        long index;
        try {
            bytes = Files.readAllBytes(database);
            index = appliedIndex(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            err.println("cannot read the database " + database + ": " + e.getMessage());
            return DATABASE_UNREADABLE;
        }
        int entriesPerSegment = cluster.get().wal().entriesPerSegment();
        return injectReporting(node.get().tlogDir(), entriesPerSegment, index, bytes, out, err);
    }

    /**
     * Installs and turns failures into exit codes. With --force, a head that the log cannot even
     * open is kept under another name and the install is tried once more without it.
     */
    private int injectReporting(
            Path tlogDir,
            int entriesPerSegment,
            long index,
            byte[] bytes,
            PrintWriter out,
            PrintWriter err) {
        try {
            return injectInto(tlogDir, entriesPerSegment, index, bytes, out, err);
        } catch (CorruptLogException e) {
            boolean headAside = Files.exists(tlogDir.resolve(HEAD_ASIDE));
            if (!force || headAside || !e.getMessage().startsWith(HEAD_FILE)) {
                err.println("the current head or log of " + nodeName + " is unreadable: " + e);
                return HEAD_UNREADABLE;
            }
        } catch (IOException e) {
            err.println("cannot install the head: " + e);
            return ExitCodes.FAILED;
        }
        try {
            Files.move(tlogDir.resolve(HEAD_FILE), tlogDir.resolve(HEAD_ASIDE));
        } catch (IOException e) {
            err.println("cannot set the unreadable head aside: " + e);
            return ExitCodes.FAILED;
        }
        err.println("the unreadable head is kept as " + tlogDir.resolve(HEAD_ASIDE) + " (--force)");
        return injectReporting(tlogDir, entriesPerSegment, index, bytes, out, err);
    }

    private int injectInto(
            Path tlogDir,
            int entriesPerSegment,
            long index,
            byte[] bytes,
            PrintWriter out,
            PrintWriter err)
            throws IOException {
        try (Wal wal = Wal.open(new NioDisk(tlogDir), entriesPerSegment, Runnable::run)) {
            Optional<Integer> refused = checkCurrentHead(wal, index, err);
            if (refused.isPresent()) {
                return refused.get();
            }
            install(wal, index, bytes);
            out.println("installed the head at index " + index + " on " + nodeName);
            return ExitCodes.OK;
        }
    }

    /** The exit code that refuses the install, or empty when it may go ahead. */
    private Optional<Integer> checkCurrentHead(Wal wal, long index, PrintWriter err) {
        if (wal.headIndex() == Wal.NO_INDEX) {
            return Optional.empty();
        }
        try (InputStream head = wal.openHead()) {
            appliedIndex(head);
        } catch (IOException e) {
            if (!force) {
                err.println("the current head is unreadable (use --force to replace it): " + e);
                return Optional.of(HEAD_UNREADABLE);
            }
            err.println("replacing an unreadable head (--force): " + e.getMessage());
        }
        if (index <= wal.headIndex()) {
            err.println(
                    "the database's index "
                            + index
                            + " is not newer than the current head's "
                            + wal.headIndex());
            return Optional.of(ExitCodes.FAILED);
        }
        return Optional.empty();
    }

    /** Keeps the log from the head's segment on if it reaches that far, else restarts it. */
    private static void install(Wal wal, long index, byte[] bytes) throws IOException {
        if (wal.lastIndex() == Wal.NO_INDEX || index >= wal.lastIndex()) {
            wal.restartAfterHead(index, bytes);
            return;
        }
        CollapseResult result;
        try {
            result =
                    new Collapser(wal, InjectAsHeadCommand::noBuilder, SEGMENTS_TO_KEEP, 1)
                            .installHead(index, bytes, SEGMENTS_TO_KEEP);
        } catch (CollapseInProgressException e) {
            // this process owns the only collapser of a stopped node's log
            throw new IOException(e.getMessage(), e);
        }
        if (result.headIndex() != index) {
            throw new IOException("the head stayed at index " + result.headIndex());
        }
    }

    private static io.rarakoon.wal.HeadBuilder noBuilder() {
        throw new IllegalStateException("installing a head replays nothing");
    }

    /** The store index of a snapshot; a snapshot of an empty store has none and is refused. */
    private static long appliedIndex(InputStream snapshot) throws IOException {
        KvStore store;
        try {
            store = KvStore.restore(snapshot, Limits.FIELD_BYTES_MAX, UserFunctionRegistry.empty());
        } catch (CorruptSnapshotException e) {
            throw new IOException(e.getMessage(), e);
        }
        return store.appliedIndex().orElseThrow(() -> new IOException("the store is empty"));
    }

    private static boolean answers(NodeConfig node) {
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(node.primaryAddress(), node.clientPort()),
                    PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
