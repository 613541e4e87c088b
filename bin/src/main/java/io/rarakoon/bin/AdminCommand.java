package io.rarakoon.bin;

import io.rarakoon.client.ArakoonClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rarakoon admin --config F --node N <command>}: one maintenance request to one node, named
 * in the cluster file (Arakoon's remote administration, spec §5.3). Errors go to stderr as
 * Arakoon's error name and message, as in {@link ClientCommand}.
 */
@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = "Send one maintenance request to one node.",
        footer = {
            "",
            "optimize-db, defrag-db, copy-db-to-head and backup-db are refused by the",
            "master: run them on a slave.",
            "Exit codes: 0 done, 1 the node answered an error (printed as",
            "E_<NAME>: message on stderr), no answer in time, or the backup file could",
            "not be written, 2 bad command line or cluster file."
        })
final class AdminCommand {
    @Spec private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The cluster file (required).")
    private Path config;

    @Option(
            names = "--node",
            paramLabel = "NAME",
            description = "The node to send the request to (required).")
    private String node;

    @Option(
            names = "--timeout-secs",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Give up after this long, retries included (default: ${DEFAULT-VALUE}).")
    private long timeoutSecs;

    @Mixin private TlsOptions tls;

    @Command(
            mixinStandardHelpOptions = true,
            name = "collapse",
            description =
                    "Fold all but the KEEP newest completed log segments into the head snapshot;"
                            + " print each step as 'step I of N'.")
    int collapse(@Option(names = "--keep", required = true, paramLabel = "KEEP") int keep) {
        PrintWriter out = spec.commandLine().getOut();
        return call(
                c -> {
                    c.collapse(
                            node,
                            keep,
                            (done, total) -> {
                                out.println("step " + done + " of " + total);
                                out.flush();
                            });
                    return ExitCodes.OK;
                });
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "drop-master",
            description = "Ask the node to give up the master role.")
    int dropMaster() {
        return done(c -> c.dropMaster(node));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "optimize-db",
            description = "Rewrite the node's store compactly (slaves).")
    int optimizeDb() {
        return done(c -> c.optimizeDb(node));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "defrag-db",
            description = "Defragment the node's store (slaves).")
    int defragDb() {
        return done(c -> c.defragDb(node));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "flush-store",
            description = "Commit the node's batched store writes.")
    int flushStore() {
        return done(c -> c.flushStore(node));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "copy-db-to-head",
            description =
                    "Copy the node's store to its head snapshot and keep the KEEP newest"
                            + " completed segments (slaves).")
    int copyDbToHead(@Option(names = "--keep", required = true, paramLabel = "KEEP") int keep) {
        return done(c -> c.copyDbToHead(node, keep));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "backup-db",
            description =
                    "Stream a consistent copy of the node's store into FILE, replacing it"
                            + " (slaves); progress on stderr.")
    int backupDb(@Parameters(paramLabel = "FILE") Path file) {
        PrintWriter err = spec.commandLine().getErr();
        return call(
                c -> {
                    ProgressLine progress = new ProgressLine(err, "backup-db");
                    long bytes = c.getDb(node, file, progress);
                    progress.finish(bytes);
                    return ExitCodes.OK;
                });
    }

    private int done(Consumer<ArakoonClient> request) {
        return call(
                c -> {
                    request.accept(c);
                    return ExitCodes.OK;
                });
    }

    private int call(ClusterCalls.Call call) {
        if (config == null || node == null) {
            return ClusterCalls.missingOption(
                    spec, config == null ? "--config=FILE" : "--node=NAME");
        }
        return ClusterCalls.runOnNode(
                config, node, tls, timeoutSecs, spec.commandLine().getErr(), call);
    }
}
